package org.live110.dashboard.http;

import io.javalin.http.Context;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Connection;
import org.live110.dashboard.sse.SeriesSubscription;
import org.live110.dashboard.sse.SseHub;
import org.live110.dashboard.sse.SseSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/stream}: admits the client to the {@link SseHub} and holds the response open
 * (servlet async mode, Javalin's {@code future}) until the hub releases it. The response is written
 * with the servlet's non-blocking I/O ({@link WriteListener}): no thread ever waits for a client.
 * Caps are by the socket's remote address; forwarded-for headers are not trusted.
 *
 * <p>The optional {@code series} parameter ({@code all}, {@code tier:core}, {@code county:<code>}…
 * comma-separated, at most {@value SeriesSubscription#MAX_SCOPES}, or {@code none}) limits the
 * {@code series} points the client gets; absent, it gets every scope's. A bad value is a 400 with a
 * one-line message naming it.
 */
public final class StreamController {
  private static final Logger LOG = LoggerFactory.getLogger(StreamController.class);

  private final SseHub hub;
  private final List<String> scopes;
  private final JsonResponses json;

  /**
   * @param scopes every known scope in canonical order (what {@code series} may name)
   */
  public StreamController(SseHub hub, List<String> scopes, JsonResponses json) {
    this.hub = hub;
    this.scopes = List.copyOf(scopes);
    this.json = json;
  }

  public void stream(Context ctx) throws IOException {
    List<String> seriesParams = ctx.queryParams("series");
    if (seriesParams.size() > 1) {
      json.error(ctx, 400, "series: give the parameter once, scopes separated by commas");
      return;
    }
    SeriesSubscription series;
    try {
      series =
          SeriesSubscription.parse(seriesParams.isEmpty() ? null : seriesParams.get(0), scopes);
    } catch (IllegalArgumentException e) {
      json.error(ctx, 400, e.getMessage());
      return;
    }
    HttpServletRequest req = ctx.req();
    HttpServletResponse res = ctx.res();
    CompletableFuture<Void> done = new CompletableFuture<>();
    ResponseSink sink = new ResponseSink(req, done);
    SseHub.Admission admission = hub.connect(req.getRemoteAddr(), series, sink);
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
        // Async mode now (Javalin keeps it) so that the output can go non-blocking; streams live
        // for days, so no timeout. The server calls onWritePossible once this handler returns.
        try {
          AsyncContext async = req.startAsync();
          async.setTimeout(0);
          res.getOutputStream().setWriteListener(sink.attach(res.getOutputStream()));
        } catch (IOException | RuntimeException e) {
          sink.onError(e); // fails the snapshot's write: the hub releases the client
          throw e;
        }
        ctx.future(() -> done);
      }
    }
  }

  /**
   * The response as the hub's sink. Holds the one write the hub has in flight; writes it when the
   * output is ready (at once, or from {@code onWritePossible}) and reports it done when the output
   * is ready again, i.e. when the network has taken every byte.
   */
  private static final class ResponseSink implements SseSink, WriteListener {
    private final HttpServletRequest req;
    private final CompletableFuture<Void> done;

    // Guarded by this: the servlet output may be used by one thread at a time.
    private ServletOutputStream out; // null until the handler has set the headers
    private boolean writable; // the first onWritePossible has come: the handler has returned
    private ByteBuffer pending; // the write in flight
    private Done pendingDone;
    private boolean pendingStarted; // handed to the output, waiting for it to be ready again
    private boolean ended;

    ResponseSink(HttpServletRequest req, CompletableFuture<Void> done) {
      this.req = req;
      this.done = done;
    }

    synchronized WriteListener attach(ServletOutputStream out) {
      this.out = out;
      return this;
    }

    @Override
    public void write(ByteBuffer frames, Done whenDone) {
      boolean isEnded;
      synchronized (this) {
        if (pending != null) {
          throw new IllegalStateException("a write is already in flight");
        }
        isEnded = ended;
        if (!isEnded) {
          pending = frames;
          pendingDone = whenDone;
          pendingStarted = false;
        }
      }
      if (isEnded) {
        whenDone.done(new IOException("stream ended"));
      } else {
        drive();
      }
    }

    @Override
    public void onWritePossible() {
      synchronized (this) {
        writable = true;
      }
      drive();
    }

    @Override
    public void onError(Throwable t) {
      fail(t);
    }

    /**
     * Hands the pending bytes to the output, and reports them written once the output is ready
     * again — as far as it goes now; the server's onWritePossible calls it again when the output
     * becomes ready. The hub's continuation runs outside the lock.
     */
    private void drive() {
      Done finished;
      Throwable failure = null;
      synchronized (this) {
        if (!writable || pending == null || ended) {
          return;
        }
        try {
          if (!out.isReady()) {
            return;
          }
          if (!pendingStarted) {
            pendingStarted = true;
            write(out, pending);
            if (!out.isReady()) {
              return;
            }
          }
        } catch (IOException | RuntimeException e) {
          failure = e;
        }
        finished = pendingDone;
        pending = null;
        pendingDone = null;
      }
      finished.done(failure);
    }

    private static void write(ServletOutputStream out, ByteBuffer bytes) throws IOException {
      if (out instanceof HttpOutput jetty) {
        jetty.write(bytes); // a direct buffer goes to the socket as it is: no copy
      } else {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        out.write(copy);
      }
    }

    /** Ends the stream; the write in flight, if any, is reported failed with {@code cause}. */
    private void fail(Throwable cause) {
      Done d;
      synchronized (this) {
        d = pendingDone;
        pending = null;
        pendingDone = null;
        ended = true;
      }
      if (d != null) {
        d.done(cause);
      }
    }

    @Override
    public void complete() {
      fail(new IOException("stream ended"));
      done.complete(null);
    }

    @Override
    public void abort() {
      try {
        // Closing the endpoint fails a write pending on a client that stopped reading.
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
