package org.live110.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.live110.simulator.gen.CampaignYear;
import picocli.CommandLine;

/** verify against a fake dashboard served by the JDK's HTTP server on a free port. */
class VerifyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicReference<byte[]> progress = new AtomicReference<>();
  private Path truthFile;
  private ObjectNode truth;

  @BeforeEach
  void start() throws Exception {
    GroundTruth gt = GroundTruth.forOptions(Years.SMALL);
    new CampaignYear(Years.SMALL).forEachRemaining(r -> gt.accept(r.value()));
    truthFile = dir.resolve("truth.json");
    gt.write(truthFile);
    truth = gt.toJson();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/progress",
        exchange -> {
          byte[] body = progress.get();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int verify(StringWriter out) {
    CommandLine cmd = new CommandLine(new VerifyCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(out, true));
    return cmd.execute(
        "--truth",
        truthFile.toString(),
        "--dashboard",
        "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void exitsZeroWhenEveryFigureMatches() throws Exception {
    progress.set(JSON.writeValueAsBytes(truth));
    StringWriter out = new StringWriter();
    assertThat(verify(out)).isZero();
    assertThat(out.toString()).contains("all 1139 figures match");
  }

  @Test
  void reportsAPlantedDifferenceAndExitsNonZero() throws Exception {
    ObjectNode planted = truth.deepCopy();
    ObjectNode county = (ObjectNode) planted.path("scopes").path("county:622921").path("totals");
    long orders = county.path("orders").asLong();
    county.put("orders", orders - 1);
    ((ObjectNode) planted.path("deadLetters").path("byReason")).remove("unknown_county");
    progress.set(JSON.writeValueAsBytes(planted));
    StringWriter out = new StringWriter();
    assertThat(verify(out)).isEqualTo(1);
    long unknownCounty = truth.path("deadLetters").path("byReason").path("unknown_county").asLong();
    assertThat(out.toString())
        .contains("county:622921 orders: expected " + orders + ", dashboard " + (orders - 1))
        .contains("deadLetters unknown_county: expected " + unknownCounty + ", dashboard 0")
        .contains("2 of 1139 figures differ");
  }

  @Test
  void anUnreachableDashboardIsAFailureNotAMatch() {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new VerifyCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(out, true));
    server.stop(0);
    int code =
        cmd.execute(
            "--truth",
            truthFile.toString(),
            "--dashboard",
            "http://127.0.0.1:" + server.getAddress().getPort());
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("cannot read");
  }

  @Test
  void aMissingTruthOptionIsAUsageError() {
    CommandLine cmd = new CommandLine(new VerifyCommand());
    cmd.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cmd.execute()).isEqualTo(2);
  }
}
