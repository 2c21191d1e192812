package org.live110.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SseClientsTest {
  private static final String LONG_PROGRESS =
      "{\"scopes\":{\"county:622921\":\"" + "x".repeat(5_000) + "\"},\"updatedAt\":\"T1\"}";
  private static final String STREAM =
      ": keep-alive\n\n"
          + "id: 1\nevent: snapshot\ndata: {\"a\":1}\n\n"
          + "id: 2\r\nevent: progress\r\ndata: "
          + LONG_PROGRESS
          + "\r\n\r\n";

  private HttpServer server;
  private final List<String> requested = new ArrayList<>();

  @BeforeEach
  void serveAStreamInSmallPieces() throws Exception {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext(
        "/api/stream",
        ex -> {
          synchronized (requested) {
            requested.add(ex.getRequestURI().toString());
          }
          ex.getResponseHeaders().add("Content-Type", "text/event-stream");
          ex.sendResponseHeaders(200, 0);
          byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
          try (OutputStream out = ex.getResponseBody()) {
            // pieces of 7 bytes: frames, lines and CRLFs split across reads
            for (int i = 0; i < body.length; i += 7) {
              out.write(body, i, Math.min(7, body.length - i));
              out.flush();
            }
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void everyClientGetsEveryFrameWithItsEventNameAndWholeData() throws Exception {
    List<String> frames = new ArrayList<>();
    try (SseClients clients =
        new SseClients(
            "localhost",
            server.getAddress().getPort(),
            3,
            true,
            (c, millis, nanos, event, data) -> {
              synchronized (frames) {
                frames.add(c + " " + event + " " + data);
              }
            })) {
      await().atMost(Duration.ofSeconds(20)).until(() -> size(frames) == 6);
      assertThat(clients.connected()).isEqualTo(3);
      assertThat(clients.refused()).isZero();
    }
    assertThat(frames)
        .contains("0 snapshot {\"a\":1}", "2 snapshot {\"a\":1}", "1 progress " + LONG_PROGRESS);
  }

  @Test
  void withoutKeepDataOnlyTheTailOfALongDataLineIsKept() throws Exception {
    List<String> tails = new ArrayList<>();
    try (SseClients clients =
        new SseClients(
            "localhost",
            server.getAddress().getPort(),
            1,
            false,
            (c, millis, nanos, event, data) -> {
              if (event.equals("progress")) {
                synchronized (tails) {
                  tails.add(data);
                }
              }
            })) {
      await().atMost(Duration.ofSeconds(20)).until(() -> size(tails) == 1);
    }
    assertThat(tails.get(0)).hasSize(SseClients.TAIL).endsWith("\"},\"updatedAt\":\"T1\"}");
    assertThat(LONG_PROGRESS).endsWith(tails.get(0));
  }

  @Test
  void theFanoutClientsOpenTheStreamAsTheWallPageDoes() throws Exception {
    List<String> frames = new ArrayList<>();
    try (SseClients clients =
        new SseClients(
            "localhost",
            server.getAddress().getPort(),
            FanoutRun.WALL_STREAM,
            2,
            false,
            (c, millis, nanos, event, data) -> {
              synchronized (frames) {
                frames.add(event);
              }
            })) {
      await().atMost(Duration.ofSeconds(20)).until(() -> size(frames) == 4);
      assertThat(clients.connected()).isEqualTo(2);
    }
    assertThat(requested)
        .containsExactly(
            "/api/stream?series=all%2Ctier%3Acore%2Ctier%3Aradiating",
            "/api/stream?series=all%2Ctier%3Acore%2Ctier%3Aradiating");
  }

  private static int size(List<String> list) {
    synchronized (list) {
      return list.size();
    }
  }
}
