package org.live110.reliability.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One SSE client of {@code /api/stream} parsing frames by the rules of the SSE spec (lines end at
 * CR, LF or CRLF; a blank line ends a frame; {@code :} starts a comment). Frames are queued for the
 * test; the raw HTTP status and headers are kept.
 */
public final class SseStream implements AutoCloseable {
  /** One dispatched frame: its event name, id and the data lines (more than one = split frame). */
  public record Frame(String event, String id, List<String> dataLines) {
    public String data() {
      return String.join("\n", dataLines);
    }
  }

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile Stream<String> lines;
  private volatile HttpResponse<Stream<String>> response;
  private volatile boolean closed;
  private volatile long comments;
  private volatile Throwable failure;

  private SseStream(HttpClient http, URI uri) {
    reader = new Thread(() -> read(http, uri), "sse-client " + uri);
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects in the background; frames arrive in {@link #next}. */
  public static SseStream open(HttpClient http, String url) {
    return new SseStream(http, URI.create(url));
  }

  private void read(HttpClient http, URI uri) {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
      response = http.send(req, HttpResponse.BodyHandlers.ofLines());
      lines = response.body();
      String event = null;
      String id = null;
      List<String> data = new ArrayList<>();
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (!data.isEmpty() || event != null) {
            frames.add(new Frame(event == null ? "message" : event, id, List.copyOf(data)));
          }
          event = null;
          data.clear();
        } else if (line.startsWith(":")) {
          comments++;
        } else if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("data:")) {
          String d = line.substring(5);
          data.add(d.startsWith(" ") ? d.substring(1) : d);
        }
      }
    } catch (Throwable e) {
      if (!closed) {
        failure = e;
      }
    } finally {
      closed = true;
    }
  }

  /** The next frame within {@code timeout}, or null. */
  public Frame next(Duration timeout) throws InterruptedException {
    return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The response (null until the headers arrived). */
  public HttpResponse<Stream<String>> response() {
    return response;
  }

  /** Whether the stream has ended (server closed, error, or {@link #close}). */
  public boolean ended() {
    return closed;
  }

  public Throwable failure() {
    return failure;
  }

  public long comments() {
    return comments;
  }

  @Override
  public void close() {
    closed = true;
    Stream<String> l = lines;
    if (l != null) {
      l.close();
    }
    reader.interrupt();
  }
}
