package org.live110.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  private static byte[] file(SimulationOptions options) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonLinesSink sink = new JsonLinesSink(bytes)) {
      new Simulation(options, Double.POSITIVE_INFINITY).run(sink, null);
    }
    return bytes.toByteArray();
  }

  private static String sha256(byte[] b) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void sameSeedAndOptionsGiveByteIdenticalFiles() throws Exception {
    byte[] first = file(Years.SMALL);
    byte[] second = file(Years.SMALL);
    assertThat(first.length).isGreaterThan(1_000_000);
    assertThat(sha256(second)).isEqualTo(sha256(first));
  }

  @Test
  void differentSeedGivesDifferentYear() throws Exception {
    byte[] seven = file(Years.SMALL);
    byte[] eight =
        file(SimulationOptions.defaults(8, Years.REGISTRY).withEvents(Years.SMALL.events()));
    assertThat(sha256(eight)).isNotEqualTo(sha256(seven));
  }

  @Test
  void faultRatesDoNotChangeTheCleanEvents() {
    // Fault draws use their own random stream: the clean part of the year is the same.
    java.util.Set<String> clean = new java.util.HashSet<>();
    for (SimRecord r : Years.records(Years.SMALL.withFaults(FaultRates.NONE))) {
      clean.add(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
    }
    java.util.List<String> onTime =
        Years.records(Years.SMALL).stream()
            .filter(r -> r.fault() == Fault.NONE)
            .map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
            .toList();
    assertThat(onTime.size()).isGreaterThan(clean.size() * 9 / 10).isLessThan(clean.size());
    assertThat(clean).containsAll(onTime);
  }
}
