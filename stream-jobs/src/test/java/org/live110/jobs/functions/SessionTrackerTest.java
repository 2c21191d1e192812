package org.live110.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.live110.jobs.testing.Fixtures.JUNE_1_10AM;
import static org.live110.jobs.testing.Fixtures.liveEnded;
import static org.live110.jobs.testing.Fixtures.liveStarted;
import static org.live110.jobs.testing.Fixtures.liveStats;
import static org.live110.jobs.testing.Fixtures.ms;
import static org.live110.jobs.testing.Fixtures.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.ParsedRecord;
import org.live110.model.event.SalesChannel;
import org.live110.model.output.LiveSession;
import org.live110.model.output.OutputJson;

class SessionTrackerTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final Duration EMIT = Duration.ofMillis(100);
  private static final Instant FIVE_MINUTES_IN = JUNE_1_10AM.plus(Duration.ofMinutes(5));
  private static final Instant TEN_MINUTES_IN = JUNE_1_10AM.plus(Duration.ofMinutes(10));

  private KeyedOneInputStreamOperatorTestHarness<String, ParsedRecord, KeyedValue> harness;
  private long now;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new SessionTracker(TIMEOUT, EMIT), r -> r.sessionId, Types.STRING);
    harness.setProcessingTime(0);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void in(ParsedRecord r) throws Exception {
    harness.processElement(r, r.eventTime);
  }

  private LiveSession emitted() throws Exception {
    now += EMIT.toMillis();
    harness.setProcessingTime(now);
    List<KeyedValue> out = harness.extractOutputValues();
    return OutputJson.read(out.get(out.size() - 1).value, LiveSession.class);
  }

  @Test
  void tracksViewersLikesAndTheOrdersSoldInTheSession() throws Exception {
    in(liveStarted("e-1", JUNE_1_10AM, "s-1"));
    in(liveStats("e-3", TEN_MINUTES_IN, "s-1", 80, 30, 7));
    in(liveStats("e-2", FIVE_MINUTES_IN, "s-1", 120, 50, 5)); // late: gauge keeps the newest
    in(order("e-4", FIVE_MINUTES_IN, "o-1", 1990, SalesChannel.LIVESTREAM, "s-1"));

    LiveSession s = emitted();
    assertThat(s.status()).isEqualTo(LiveSession.LIVE);
    assertThat(s.hostId()).isEqualTo("host-1");
    assertThat(s.startedAt()).isEqualTo(JUNE_1_10AM);
    assertThat(s.lastEventAt()).isEqualTo(TEN_MINUTES_IN);
    assertThat(s.viewersOnline()).isEqualTo(80);
    assertThat(s.peakViewers()).isEqualTo(120);
    assertThat(s.newViewers()).isEqualTo(80);
    assertThat(s.likes()).isEqualTo(12);
    assertThat(s.orders()).isEqualTo(1);
    assertThat(s.salesFen()).isEqualTo(1990);
    assertThat(s.endedAt()).isNull();
    assertThat(harness.extractOutputValues()).hasSize(1); // coalesced
    // timeout at last event + 30 min, and the end-of-input flush
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);
  }

  @Test
  void aSilentSessionIsClosedAsTimedOutOnTheEventTimeClock() throws Exception {
    in(liveStarted("e-1", JUNE_1_10AM, "s-1"));
    in(liveStats("e-2", TEN_MINUTES_IN, "s-1", 80, 30, 7));
    long timeout = ms(TEN_MINUTES_IN) + TIMEOUT.toMillis();

    harness.processWatermark(timeout - 1);
    assertThat(emitted().status()).isEqualTo(LiveSession.LIVE);

    harness.processWatermark(timeout);
    LiveSession s = emitted();
    assertThat(s.status()).isEqualTo(LiveSession.TIMED_OUT);
    assertThat(s.endedAt()).isEqualTo(TEN_MINUTES_IN);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1); // only the flush remains
  }

  @Test
  void liveEndedClosesTheSessionAndCancelsTheTimeout() throws Exception {
    in(liveStarted("e-1", JUNE_1_10AM, "s-1"));
    in(liveEnded("e-2", TEN_MINUTES_IN, "s-1"));
    in(liveStats("e-3", FIVE_MINUTES_IN, "s-1", 10, 1, 1)); // late stats do not re-open it

    LiveSession s = emitted();
    assertThat(s.status()).isEqualTo(LiveSession.ENDED);
    assertThat(s.endedAt()).isEqualTo(TEN_MINUTES_IN);
    assertThat(s.newViewers()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void aSessionKnownOnlyFromOrdersIsNotEmittedUntilItsLiveEventsArrive() throws Exception {
    in(order("e-1", FIVE_MINUTES_IN, "o-1", 500, SalesChannel.LIVESTREAM, "s-9"));
    harness.setProcessingTime(EMIT.toMillis());
    assertThat(harness.extractOutputValues()).isEmpty();

    in(liveStarted("e-2", JUNE_1_10AM, "s-9"));
    now = EMIT.toMillis();
    LiveSession s = emitted();
    assertThat(s.orders()).isEqualTo(1);
    assertThat(s.salesFen()).isEqualTo(500);
  }
}
