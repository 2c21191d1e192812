package org.live110.model.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shared start-up checks against real sockets: a closed port for an unreachable Kafka (nothing
 * listens there, so nothing can answer), a held port for one in use. The reachable case is covered
 * where a broker runs: the dashboard's and the simulator's tests against the embedded broker.
 */
class StartupChecksTest {

  @Test
  void kafkaOnAClosedPortIsOneLineNamingTheAddressWithinTheBound() throws IOException {
    String address = "127.0.0.1:" + closedPort();
    long t0 = System.nanoTime();
    Optional<String> problem = KafkaReachability.problem(address, Duration.ofSeconds(2));
    double seconds = (System.nanoTime() - t0) / 1e9;

    assertThat(problem).contains("Kafka at " + address + " is not reachable: no answer within 2 s");
    assertThat(seconds).as("2 s and slack for a loaded machine").isLessThan(15);
  }

  @Test
  void anAddressWithoutAPortIsNamedWithoutAClassName() {
    Optional<String> problem = KafkaReachability.problem("localhost", Duration.ofSeconds(2));

    assertThat(problem).isPresent();
    assertThat(problem.get())
        .startsWith("Kafka at localhost is not reachable: ")
        .doesNotContain("Exception")
        .doesNotContain("\n");
  }

  @Test
  void aHeldPortIsInUseAndAFreeOneIsNot() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket held = new ServerSocket(0, 50, loopback)) {
      int port = held.getLocalPort();
      assertThat(PortCheck.problem(loopback.getHostAddress(), port))
          .contains("port " + port + " on " + loopback.getHostAddress() + " is already in use");
      assertThat(PortCheck.problem(null, port)).contains("port " + port + " is already in use");
    }
    int free = closedPort();
    assertThat(PortCheck.problem(loopback.getHostAddress(), free)).isEmpty();
    assertThat(PortCheck.problem("localhost", 0)).isEmpty();
    assertThat(PortCheck.problem("localhost", 70000))
        .contains("port 70000 on localhost is outside 0..65535");
  }

  /** A port nothing listens on: bound by the system, then closed. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
