package org.live110.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.live110.jobs.testing.Fixtures.JUNE_1_10AM;
import static org.live110.jobs.testing.Fixtures.liveEnded;
import static org.live110.jobs.testing.Fixtures.liveStarted;
import static org.live110.jobs.testing.Fixtures.liveStats;
import static org.live110.jobs.testing.Fixtures.ms;
import static org.live110.jobs.testing.Fixtures.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
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
  private static final Duration RETENTION = Duration.ofDays(1);
  private static final Duration EMIT = Duration.ofMillis(100);
  private static final Instant NINE_AM = JUNE_1_10AM.minus(Duration.ofHours(1));
  private static final Instant FIVE_MINUTES_IN = JUNE_1_10AM.plus(Duration.ofMinutes(5));
  private static final Instant TEN_MINUTES_IN = JUNE_1_10AM.plus(Duration.ofMinutes(10));
  private static final Instant TWENTY_MINUTES_IN = JUNE_1_10AM.plus(Duration.ofMinutes(20));

  private KeyedOneInputStreamOperatorTestHarness<String, ParsedRecord, KeyedValue> harness;
  private MockEnvironment environment;
  private InterceptingOperatorMetricGroup metrics;
  private long now;

  @BeforeEach
  void open() throws Exception {
    openHarness(TIMEOUT, null);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
    environment.close();
  }

  /** A harness whose operator metrics can be read back; restores {@code checkpoint} if given. */
  private void openHarness(Duration timeout, OperatorSubtaskState checkpoint) throws Exception {
    metrics = new InterceptingOperatorMetricGroup();
    InterceptingOperatorMetricGroup operatorMetrics = metrics;
    environment =
        new MockEnvironmentBuilder()
            .setMetricGroup(
                new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                  @Override
                  public InternalOperatorMetricGroup getOrAddOperator(
                      OperatorID id, String name, Map<String, String> additionalVariables) {
                    return operatorMetrics;
                  }
                })
            .build();
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new SessionTracker(timeout, RETENTION, EMIT)),
            r -> r.sessionId,
            Types.STRING,
            environment);
    harness.setProcessingTime(now);
    if (checkpoint != null) {
      harness.initializeState(checkpoint);
    }
    harness.open();
  }

  private void in(ParsedRecord r) throws Exception {
    harness.processElement(r, r.eventTime);
  }

  private void clock(Instant watermark) throws Exception {
    harness.processWatermark(ms(watermark));
  }

  private static Instant retentionAfter(Instant t) {
    return t.plus(RETENTION);
  }

  private LiveSession emitted() throws Exception {
    now += EMIT.toMillis();
    harness.setProcessingTime(now);
    return last();
  }

  private LiveSession last() {
    List<KeyedValue> out = harness.extractOutputValues();
    return OutputJson.read(out.get(out.size() - 1).value, LiveSession.class);
  }

  private long afterRetention() {
    return ((Counter) metrics.get(SessionTracker.AFTER_RETENTION_METRIC)).getCount();
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
    assertThat(s.version()).isEqualTo(4);
    assertThat(s.endedAt()).isNull();
    assertThat(harness.extractOutputValues()).hasSize(1); // coalesced
    // timeout at last event + 30 min, and one clean-up timer (not moved per event)
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
    assertThat(harness.numEventTimeTimers()).isEqualTo(1); // only the clean-up remains
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
    assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the clean-up
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

  @Test
  void anEndedSessionIsSentThenForgottenOnceTheClockIsRetentionPastItsLastEvent() throws Exception {
    in(liveStarted("e-1", JUNE_1_10AM, "s-1"));
    in(liveStats("e-2", FIVE_MINUTES_IN, "s-1", 80, 30, 7));
    in(liveEnded("e-3", TEN_MINUTES_IN, "s-1"));
    // no processing time passes: the ended state is still unsent when the clean-up comes
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // session + pending emission

    clock(retentionAfter(JUNE_1_10AM)); // the clean-up timer fires early and is re-armed
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    // a very old event still applies while the state exists; the version goes on
    in(order("e-4", NINE_AM, "o-1", 700, SalesChannel.LIVESTREAM, "s-1"));
    assertThat(afterRetention()).isZero();
    harness.processWatermark(ms(retentionAfter(TEN_MINUTES_IN)) - 1);
    assertThat(harness.extractOutputValues()).isEmpty();

    clock(retentionAfter(TEN_MINUTES_IN));
    assertThat(harness.extractOutputValues()).hasSize(1);
    LiveSession s = last();
    assertThat(s.status()).isEqualTo(LiveSession.ENDED);
    assertThat(s.version()).isEqualTo(4);
    assertThat(s.orders()).isEqualTo(1);
    assertThat(s.likes()).isEqualTo(7);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
    harness.setProcessingTime(now + EMIT.toMillis());
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void aTimedOutSessionIsForgottenRetentionAfterItsLastEvent() throws Exception {
    in(liveStarted("e-1", JUNE_1_10AM, "s-1"));
    in(liveStats("e-2", TWENTY_MINUTES_IN, "s-1", 80, 30, 7));
    assertThat(emitted().version()).isEqualTo(2);
    clock(TWENTY_MINUTES_IN.plus(TIMEOUT));
    assertThat(emitted().status()).isEqualTo(LiveSession.TIMED_OUT);

    harness.processWatermark(ms(retentionAfter(TWENTY_MINUTES_IN)) - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    clock(retentionAfter(TWENTY_MINUTES_IN));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.extractOutputValues()).hasSize(2); // nothing was pending
  }

  @Test
  void aSessionKnownOnlyFromOrdersIsForgottenWithoutBeingEmitted() throws Exception {
    in(order("e-1", FIVE_MINUTES_IN, "o-1", 500, SalesChannel.LIVESTREAM, "s-9"));
    in(order("e-2", TEN_MINUTES_IN, "o-2", 300, SalesChannel.LIVESTREAM, "s-9"));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    harness.processWatermark(ms(retentionAfter(TEN_MINUTES_IN)) - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    clock(retentionAfter(TEN_MINUTES_IN));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    harness.setProcessingTime(EMIT.toMillis());
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void eventsOfAForgottenSessionAreCountedAndNotTracked() throws Exception {
    in(liveStarted("e-1", JUNE_1_10AM, "s-1"));
    in(liveEnded("e-2", TEN_MINUTES_IN, "s-1"));
    assertThat(emitted().version()).isEqualTo(2);
    clock(retentionAfter(TEN_MINUTES_IN).plus(Duration.ofHours(1)));
    assertThat(harness.numKeyedStateEntries()).isZero();

    in(liveStats("e-3", FIVE_MINUTES_IN, "s-1", 10, 1, 1)); // replayed or very late
    in(order("e-4", TEN_MINUTES_IN, "o-1", 500, SalesChannel.LIVESTREAM, "s-1"));
    emitted();

    assertThat(afterRetention()).isEqualTo(2);
    assertThat(harness.extractOutputValues()).hasSize(1); // no zombie session at version 1
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void aLateEventOfANewSessionWithinTheRetentionIsTrackedAsBefore() throws Exception {
    Instant clock = JUNE_1_10AM.plus(RETENTION);
    clock(clock);

    // exactly at the edge (eventTime + retention = clock): already past, counted
    in(liveStarted("e-0", clock.minus(RETENTION), "s-old"));
    // one millisecond inside the retention: tracked (and due for clean-up at the next watermark)
    in(liveStarted("e-1", clock.minus(RETENTION).plusMillis(1), "s-edge"));
    // the usual case: a new session two hours late
    in(liveStarted("e-2", clock.minus(Duration.ofHours(2)), "s-2"));
    assertThat(afterRetention()).isEqualTo(1);
    emitted();
    assertThat(harness.extractOutputValues()).hasSize(2); // s-edge and s-2, live

    clock(clock.plusMillis(1)); // both timeouts lie behind the clock: they fire now
    assertThat(harness.extractOutputValues()).hasSize(3);
    LiveSession edge = last(); // sent before it was forgotten
    assertThat(edge.sessionId()).isEqualTo("s-edge");
    assertThat(edge.status()).isEqualTo(LiveSession.TIMED_OUT);
    assertThat(edge.version()).isEqualTo(2);

    LiveSession s = emitted();
    assertThat(s.sessionId()).isEqualTo("s-2");
    assertThat(s.status()).isEqualTo(LiveSession.TIMED_OUT);
    assertThat(s.startedAt()).isEqualTo(clock.minus(Duration.ofHours(2)));
    assertThat(s.version()).isEqualTo(2);
    assertThat(harness.extractOutputValues()).hasSize(4);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // s-2, kept for a day
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    assertThat(afterRetention()).isEqualTo(1);
  }

  @Test
  void withRetentionEqualToTheTimeoutTheSharedTimerStillTimesOutAndCleansUp() throws Exception {
    harness.close();
    environment.close();
    openHarness(RETENTION, null); // timeout == retention: one timer serves both

    in(liveStarted("e-1", JUNE_1_10AM, "s-1"));
    in(liveStarted("e-2", JUNE_1_10AM, "s-2"));
    in(liveEnded("e-3", TEN_MINUTES_IN, "s-2")); // cancelling the timeout keeps the clean-up
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    clock(retentionAfter(JUNE_1_10AM));
    // s-1 timed out and was sent before being forgotten in the same firing; s-2 is re-armed
    assertThat(harness.extractOutputValues()).hasSize(1);
    LiveSession s1 = last();
    assertThat(s1.sessionId()).isEqualTo("s-1");
    assertThat(s1.status()).isEqualTo(LiveSession.TIMED_OUT);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // s-2's session + its emission

    clock(retentionAfter(TEN_MINUTES_IN));
    LiveSession s2 = last();
    assertThat(s2.sessionId()).isEqualTo("s-2");
    assertThat(s2.status()).isEqualTo(LiveSession.ENDED);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void aRestoredCheckpointKeepsTheCleanUpAndItsPendingEmission() throws Exception {
    in(liveStarted("e-1", JUNE_1_10AM, "s-1"));
    in(liveStats("e-2", TWENTY_MINUTES_IN, "s-1", 80, 30, 7));
    in(order("e-3", NINE_AM, "o-1", 500, SalesChannel.LIVESTREAM, "s-9")); // order-only
    clock(retentionAfter(JUNE_1_10AM)); // timed out (unsent), clean-up re-armed; s-9 forgotten
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    OperatorSubtaskState checkpoint = harness.snapshot(1, now);
    harness.close();
    environment.close();

    openHarness(TIMEOUT, checkpoint);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    harness.processWatermark(ms(retentionAfter(TWENTY_MINUTES_IN)) - 1);
    assertThat(harness.extractOutputValues()).isEmpty();

    clock(retentionAfter(TWENTY_MINUTES_IN));
    assertThat(harness.extractOutputValues()).hasSize(1);
    LiveSession s = last();
    assertThat(s.status()).isEqualTo(LiveSession.TIMED_OUT);
    assertThat(s.version()).isEqualTo(3);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();

    in(liveStats("e-4", TWENTY_MINUTES_IN, "s-1", 5, 0, 0));
    assertThat(afterRetention()).isEqualTo(1);
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void theRetentionMayNotBeShorterThanTheTimeout() {
    assertThatThrownBy(() -> new SessionTracker(TIMEOUT, Duration.ofMinutes(10), EMIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout <= retention");
  }
}
