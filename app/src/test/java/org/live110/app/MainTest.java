package org.live110.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.live110.app.demo.DemoCommand;
import picocli.CommandLine;

class MainTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(out, true));
    return cli.execute(args);
  }

  @Test
  void missingRegistryFileIsOneClearLineAndExitCodeOne() {
    Path missing = dir.resolve("no-such-registry.csv");
    int code = run("demo", "--data-dir", dir.toString(), "--registry", missing.toString());
    assertThat(code).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString().strip().lines())
        .containsExactly("110live: file not found or not readable: " + missing.toAbsolutePath());
  }

  @Test
  void brokenRegistryFileNamesTheFileWithoutAStackTrace() throws Exception {
    Path broken = Files.writeString(dir.resolve("counties.csv"), "not,a,registry\n");
    int code = run("demo", "--data-dir", dir.toString(), "--registry", broken.toString());
    assertThat(code).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString())
        .startsWith("110live: ")
        .contains("counties.csv")
        .doesNotContain("\tat ");
  }

  @Test
  void aTakenDashboardPortIsOneLineBeforeAnythingStarts() throws Exception {
    Path data = dir.resolve("demo");
    try (ServerSocket held = new ServerSocket(0)) {
      int port = held.getLocalPort();
      int code =
          run(
              "demo",
              "--data-dir",
              data.toString(),
              "--no-simulator",
              "--kafka-port",
              Integer.toString(freePort()),
              "--dashboard-port",
              Integer.toString(port),
              "--flink-ui-port",
              Integer.toString(freePort()));
      assertThat(code).isEqualTo(Main.EXIT_FAILURE);
      assertThat(err.toString().strip().lines())
          .containsExactly(
              "110live: dashboard port "
                  + port
                  + " on localhost is already in use (--dashboard-port);"
                  + " choose another port or stop what holds it");
    }
    assertThat(data).as("nothing started, not even the data directory").doesNotExist();
  }

  @Test
  void aTakenKafkaPortNamesThePortWithoutAClassName() throws Exception {
    try (ServerSocket held = new ServerSocket(0)) {
      int port = held.getLocalPort();
      int code =
          run(
              "demo",
              "--data-dir",
              dir.resolve("demo").toString(),
              "--no-simulator",
              "--kafka-port",
              Integer.toString(port),
              "--dashboard-port",
              Integer.toString(freePort()),
              "--flink-ui-port",
              Integer.toString(freePort()));
      assertThat(code).isEqualTo(Main.EXIT_FAILURE);
      assertThat(err.toString().strip().lines()).hasSize(1);
      assertThat(err.toString())
          .contains("Kafka port " + port + " on localhost is already in use (--kafka-port)")
          .doesNotContain("Exception")
          .doesNotContain("java.net");
    }
  }

  @Test
  void oneCommonPortForTwoPartsIsNamedBeforeAnythingStarts() {
    String port = Integer.toString(freePort());
    int code =
        run(
            "demo",
            "--data-dir",
            dir.resolve("demo").toString(),
            "--kafka-port",
            port,
            "--dashboard-port",
            port,
            "--flink-ui-port",
            Integer.toString(freePort()));
    assertThat(code).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString().strip().lines())
        .containsExactly(
            "110live: --kafka-port and --dashboard-port are both "
                + port
                + "; choose another port or stop what holds it");
  }

  @Test
  void jobWithABrokenRegistryIsOneLineNamingTheFileBeforeAnythingRuns() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken-counties.csv"), "not,a,registry\n");
    int code = run("job", "--bootstrap-servers", "127.0.0.1:1", "--registry", broken.toString());
    assertThat(code).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString())
        .startsWith("110live: ")
        .contains("broken-counties.csv")
        .doesNotContain("Exception");
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitCodeTwo() {
    assertThat(run("demo", "--no-such-option")).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("--no-such-option").contains("110live demo --help");
  }

  @Test
  void everySubcommandIsMounted() {
    assertThat(Main.commandLine().getSubcommands().keySet())
        .contains("demo", "job", "dashboard", "simulate", "replay", "verify", "bench");
  }

  /** A port nothing listens on: bound by the system, then closed. */
  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    DemoCommand.DurationConverter converter = new DemoCommand.DurationConverter();
    assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("PT2S")).isEqualTo(Duration.ofSeconds(2));
  }
}
