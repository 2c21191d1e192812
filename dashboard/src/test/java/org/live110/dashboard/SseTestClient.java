package org.live110.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A bare SSE client on a socket (HTTP/1.0, so the body is the raw stream): records the status,
 * headers and every event with its raw lines. It can also stop reading, or vanish, at will.
 */
final class SseTestClient implements AutoCloseable {
  /** One event (or a comment, with {@code event} = "comment") and the raw lines that made it. */
  record Event(String id, String event, String data, List<String> lines) {
    JsonNode json() {
      try {
        return TestDashboard.MAPPER.readTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  final Socket socket;
  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  volatile int status;
  final List<String> headers = new ArrayList<>();
  private final Thread reader;

  /** Connects and sends the request; reads on a thread only when {@code read} is true. */
  SseTestClient(int port, boolean read, int receiveBuffer) throws IOException {
    this(port, "/api/stream", read, receiveBuffer);
  }

  /** Connects to {@code target} (path and query, already URL-encoded) and reads on a thread. */
  SseTestClient(int port, String target) throws IOException {
    this(port, target, true, 0);
  }

  private SseTestClient(int port, String target, boolean read, int receiveBuffer)
      throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("localhost", port), 5_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET " + target + " HTTP/1.0\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    reader = new Thread(this::readLoop, "sse-test-client");
    reader.setDaemon(true);
    if (read) {
      reader.start();
    }
  }

  SseTestClient(int port) throws IOException {
    this(port, true, 0);
  }

  private void readLoop() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      String statusLine = in.readLine();
      if (statusLine == null) {
        return;
      }
      status = Integer.parseInt(statusLine.split(" ")[1]);
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        headers.add(line);
      }
      List<String> lines = new ArrayList<>();
      String id = null;
      String event = null;
      StringBuilder data = null;
      while ((line = in.readLine()) != null) {
        if (!line.isEmpty()) {
          lines.add(line);
          if (line.startsWith(":")) {
            event = event == null ? "comment" : event;
          } else if (line.startsWith("id: ")) {
            id = line.substring(4);
          } else if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data = data == null ? new StringBuilder() : data.append('\n');
            data.append(line.substring(6));
          }
          continue;
        }
        if (!lines.isEmpty()) {
          events.add(
              new Event(id, event, data == null ? null : data.toString(), List.copyOf(lines)));
        }
        lines.clear();
        id = null;
        event = null;
        data = null;
      }
    } catch (IOException e) {
      // closed by the test or the server
    }
  }

  /** The next event matching, waiting at most {@code timeout}. */
  Event next(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no matching event within " + timeout);
      }
      if (wanted.test(e)) {
        return e;
      }
    }
  }

  Event next(String eventName, Duration timeout) throws InterruptedException {
    return next(e -> eventName.equals(e.event()), timeout);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
