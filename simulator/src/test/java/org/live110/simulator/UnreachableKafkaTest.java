package org.live110.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * simulate and replay given a Kafka address where nothing listens (a closed port): one line naming
 * the address, exit 1, within the start-up check's bound, nothing produced.
 */
class UnreachableKafkaTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void simulateSaysKafkaIsNotReachableInOneLine() throws IOException {
    String address = "127.0.0.1:" + closedPort();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long t0 = System.nanoTime();
    int code =
        run(
            new SimulateCommand(),
            out,
            err,
            "--seed",
            "1",
            "--events",
            "1000",
            "--speedup",
            "max",
            "--bootstrap-servers",
            address);

    assertThat(code).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BOUND);
    assertThat(err.toString().lines())
        .containsExactly(
            "simulate: Kafka at "
                + address
                + " is not reachable: no answer within 10 s; check --bootstrap-servers");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void replaySaysKafkaIsNotReachableInOneLine() throws IOException {
    String address = "127.0.0.1:" + closedPort();
    Path file = Files.writeString(dir.resolve("year.jsonl"), "{}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(new ReplayCommand(), out, err, file.toString(), "--bootstrap-servers", address);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines())
        .containsExactly(
            "replay: Kafka at "
                + address
                + " is not reachable: no answer within 10 s; check --bootstrap-servers");
  }

  private static int run(Object command, StringWriter out, StringWriter err, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** A port nothing listens on: bound by the system, then closed. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
