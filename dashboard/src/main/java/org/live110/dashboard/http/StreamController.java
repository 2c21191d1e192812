package org.live110.dashboard.http;

import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Connection;
import org.live110.dashboard.sse.SseHub;
import org.live110.dashboard.sse.SseSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/stream}: admits the client to the {@link SseHub} and holds the response open
 * (Javalin's {@code future}) until the hub releases it. Caps are by the socket's remote address;
 * forwarded-for headers are not trusted.
 */
public final class StreamController {
  private static final Logger LOG = LoggerFactory.getLogger(StreamController.class);

  private final SseHub hub;
  private final JsonResponses json;

  public StreamController(SseHub hub, JsonResponses json) {
    this.hub = hub;
    this.json = json;
  }

  public void stream(Context ctx) throws IOException {
    HttpServletRequest req = ctx.req();
    HttpServletResponse res = ctx.res();
    CompletableFuture<Void> done = new CompletableFuture<>();
    ResponseSink sink = new ResponseSink(req, res, done);
    SseHub.Admission admission = hub.connect(req.getRemoteAddr(), sink);
    switch (admission) {
      case TOO_MANY_FROM_ADDRESS -> json.error(ctx, 429, "too many streams from this address");
      case TOO_MANY -> json.error(ctx, 503, "too many streams");
      case CLOSED -> json.error(ctx, 503, "shutting down");
      case ACCEPTED -> {
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.setHeader("Cache-Control", "no-cache, no-store");
        res.setHeader("X-Accel-Buffering", "no");
        ctx.future(() -> done);
        sink.ready.countDown();
      }
    }
  }

  /** The response as the hub's sink; writes wait until the handler has set the headers. */
  private static final class ResponseSink implements SseSink {
    private final HttpServletRequest req;
    private final HttpServletResponse res;
    private final CompletableFuture<Void> done;
    private final CountDownLatch ready = new CountDownLatch(1);

    ResponseSink(HttpServletRequest req, HttpServletResponse res, CompletableFuture<Void> done) {
      this.req = req;
      this.res = res;
      this.done = done;
    }

    @Override
    public void write(byte[] frames) throws IOException {
      try {
        if (!ready.await(10, TimeUnit.SECONDS)) {
          throw new IOException("stream handler never became ready");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted before the stream was ready");
      }
      ServletOutputStream out = res.getOutputStream();
      out.write(frames);
      out.flush();
    }

    @Override
    public void complete() {
      ready.countDown();
      done.complete(null);
    }

    @Override
    public void abort() {
      try {
        // Closing the endpoint fails a write blocked on a client that stopped reading.
        Connection connection =
            ServletContextRequest.getServletContextRequest(req)
                .getConnectionMetaData()
                .getConnection();
        connection.getEndPoint().close();
      } catch (RuntimeException e) {
        LOG.debug("could not abort an SSE connection: {}", e.toString());
      }
    }
  }
}
