package org.live110.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.live110.model.Topics;

class ReplayerTest {
  private static final String AT_START =
      "{\"eventId\":\"a\",\"type\":\"order_paid\",\"eventTime\":\"2019-06-18T20:00:00+08:00\","
          + "\"countyCode\":\"622921\",\"orderId\":\"o1\",\"shopId\":\"s\",\"productId\":\"p\","
          + "\"quantity\":1,\"amountFen\":100,\"channel\":\"store\"}";
  private static final String ONE_HOUR_LATER =
      "{\"eventId\":\"b\",\"type\":\"content_published\",\"eventTime\":\"2019-06-18T21:00:00+08:00\","
          + "\"countyCode\":\"513431\",\"contentId\":\"c\",\"authorKind\":\"brand\",\"platform\":\"抖音\"}";
  private static final String HALF_AN_HOUR_LATE =
      "{\"eventId\":\"c\",\"type\":\"live_ended\",\"eventTime\":\"2019-06-18T20:30:00+08:00\","
          + "\"countyCode\":\"622921\",\"sessionId\":\"ls1\"}";
  private static final String NOT_JSON = "<html><body>502 Bad Gateway</body></html>";
  private static final String TWO_HOURS_LATER =
      "{\"eventId\":\"d\",\"type\":\"household_benefited\",\"eventTime\":\"2019-06-18T22:00:00+08:00\","
          + "\"countyCode\":\"622921\",\"householdId\":\"h1\"}";

  private static Years.ListSink replay(Years.FakeClock clock, double speedup, String... lines)
      throws Exception {
    Years.ListSink sink = new Years.ListSink(clock);
    String file = String.join("\n", lines) + "\n";
    new Replayer(Topics.DEFAULT, new Pacer(speedup, clock, () -> false), () -> false)
        .replay(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), sink);
    return sink;
  }

  @Test
  void keepsTheRelativeTimingOfEventTimesAtTheSpeedup() throws Exception {
    Years.FakeClock clock = new Years.FakeClock();
    long start = clock.nanoTime();
    Years.ListSink sink =
        replay(clock, 3600, AT_START, ONE_HOUR_LATER, HALF_AN_HOUR_LATE, NOT_JSON, TWO_HOURS_LATER);
    // One campaign hour per wall second; the late line and the unreadable one go at once.
    assertThat(sink.sentAtNanos.stream().map(t -> t - start).toList())
        .containsExactly(0L, 1_000_000_000L, 1_000_000_000L, 1_000_000_000L, 2_000_000_000L);
  }

  @Test
  void atMaxSpeedNothingWaits() throws Exception {
    Years.FakeClock clock = new Years.FakeClock();
    Years.ListSink sink = replay(clock, Double.POSITIVE_INFINITY, AT_START, TWO_HOURS_LATER);
    assertThat(sink.records).hasSize(2);
    assertThat(clock.sleeps).isZero();
  }

  @Test
  void eachLineGoesToTheTopicOfItsTypeKeyedByCounty() throws Exception {
    Years.ListSink sink =
        replay(
            new Years.FakeClock(),
            Double.POSITIVE_INFINITY,
            AT_START,
            ONE_HOUR_LATER,
            HALF_AN_HOUR_LATE,
            NOT_JSON,
            TWO_HOURS_LATER);
    List<SimRecord> r = sink.records;
    assertThat(r)
        .extracting(SimRecord::topic)
        .containsExactly(
            "campaign.orders",
            "campaign.exposure",
            "campaign.livestream",
            "campaign.programme",
            "campaign.programme");
    assertThat(r)
        .extracting(SimRecord::key)
        .containsExactly("622921", "513431", "622921", null, "622921");
    assertThat(new String(r.get(1).value(), StandardCharsets.UTF_8)).isEqualTo(ONE_HOUR_LATER);
  }

  @Test
  void nonUtf8BytesAreSentUnchanged() throws Exception {
    byte[] gbk = {'{', '"', 'x', '"', ':', '"', (byte) 0xB4, (byte) 0xF3, '"', '}', '\n'};
    Years.ListSink sink = new Years.ListSink();
    new Replayer(Topics.DEFAULT, Pacer.unpaced(), () -> false)
        .replay(new ByteArrayInputStream(gbk), sink);
    assertThat(sink.records.get(0).value()).isEqualTo(java.util.Arrays.copyOf(gbk, 10));
    assertThat(sink.records.get(0).topic()).isEqualTo(Routing.fallbackTopic(Topics.DEFAULT));
  }
}
