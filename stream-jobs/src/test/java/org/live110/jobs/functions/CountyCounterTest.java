package org.live110.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.live110.jobs.testing.Fixtures.JUNE_1_10AM;
import static org.live110.jobs.testing.Fixtures.JUNE_2_1AM;
import static org.live110.jobs.testing.Fixtures.JUNE_2_MIDNIGHT;
import static org.live110.jobs.testing.Fixtures.LINXIA;
import static org.live110.jobs.testing.Fixtures.brandExposure;
import static org.live110.jobs.testing.Fixtures.exposure;
import static org.live110.jobs.testing.Fixtures.household;
import static org.live110.jobs.testing.Fixtures.ms;
import static org.live110.jobs.testing.Fixtures.order;
import static org.live110.jobs.testing.Fixtures.refund;
import static org.live110.jobs.testing.Fixtures.traineePost;
import static org.live110.jobs.testing.Fixtures.training;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.live110.jobs.records.CountyTotals;
import org.live110.jobs.records.ParsedRecord;
import org.live110.jobs.records.SeriesFact;
import org.live110.jobs.state.BulkStringSerializer;
import org.live110.jobs.testing.KeyedHarness;
import org.live110.model.Kpi;
import org.live110.model.TestRegistries;
import org.live110.model.event.SalesChannel;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.OutputJson;
import org.live110.model.plan.CampaignCalendar;

class CountyCounterTest {
  private static final Duration EMIT = Duration.ofMillis(100);
  private static final Duration RETENTION = Duration.ofDays(7);

  /** JUNE_1_10AM (02:00 UTC) + 7 days, rounded up to the next whole UTC day. */
  private static final long FORGET_AT =
      ZonedDateTime.of(2019, 6, 9, 0, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();

  private static final long JUNE_1 = LocalDate.of(2019, 6, 1).toEpochDay();
  private static final long JUNE_2 = LocalDate.of(2019, 6, 2).toEpochDay();

  private KeyedOneInputStreamOperatorTestHarness<String, ParsedRecord, CountyTotals> harness;

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.setProcessingTime(0);
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ParsedRecord, CountyTotals>
      newHarness() throws Exception {
    return KeyedHarness.of(
        new CountyCounter(
            TestRegistries.examples(),
            new CampaignClock(CampaignCalendar.defaultYear()),
            EMIT,
            Duration.ofHours(25),
            RETENTION),
        r -> r.countyCode);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void in(ParsedRecord r) throws Exception {
    harness.processElement(r, r.eventTime);
  }

  @Test
  void countsDistinctIdsOnceAndNetsRefundsIncludingUnknownOrders() throws Exception {
    in(order("e-1", JUNE_1_10AM, "o-1", 500, SalesChannel.LIVESTREAM, "s-1"));
    in(order("e-2", JUNE_1_10AM, "o-1", 500, SalesChannel.LIVESTREAM, "s-1")); // same order
    in(order("e-3", JUNE_1_10AM, "o-2", 300, SalesChannel.STORE, null));
    in(refund("e-4", JUNE_1_10AM, "o-1", 200));
    in(refund("e-5", JUNE_1_10AM, "never-seen", 100));
    in(training("e-6", JUNE_1_10AM));
    in(training("e-6", JUNE_1_10AM)); // an exact duplicate
    in(household("e-7", JUNE_1_10AM, "h-1"));
    in(household("e-8", JUNE_1_10AM, "h-1"));
    in(traineePost("e-9", JUNE_1_10AM, "post-1"));
    in(traineePost("e-10", JUNE_1_10AM, "post-1"));
    in(exposure("e-11", JUNE_1_10AM, 100, 10));
    in(brandExposure("e-12", JUNE_1_10AM, 50, 5)); // brand reads are no KPI

    // the first update went out at once, the burst after it waits for the interval
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    harness.setProcessingTime(EMIT.toMillis());

    List<CountyTotals> out = harness.extractOutputValues();
    assertThat(out).hasSize(2);
    assertThat(out.get(0).get(Kpi.ORDERS)).isEqualTo(1);
    CountyTotals t = out.get(1);
    assertThat(t.countyCode).isEqualTo(LINXIA);
    assertThat(t.get(Kpi.ORDERS)).isEqualTo(2);
    assertThat(t.grossSalesFen).isEqualTo(800);
    assertThat(t.refundedFen).isEqualTo(300);
    assertThat(t.get(Kpi.SALES_FEN)).isEqualTo(500);
    assertThat(t.livestreamSalesFen).isEqualTo(500);
    assertThat(t.get(Kpi.TRAINEES)).isEqualTo(1);
    assertThat(t.get(Kpi.HOUSEHOLDS)).isEqualTo(1);
    assertThat(t.get(Kpi.POSTS)).isEqualTo(1);
    assertThat(t.get(Kpi.EXPOSURE)).isEqualTo(150);
    assertThat(t.get(Kpi.READS)).isEqualTo(10);
    assertThat(t.duplicates).isEqualTo(4);
    assertThat(t.version).isEqualTo(9 + 4); // counted events + dropped duplicates

    // the one livestream order goes to the sessions; 3 scopes per series contribution
    assertThat(harness.getSideOutput(CountyCounter.SESSION_EVENTS))
        .extracting(r -> r.getValue().orderId)
        .containsExactly("o-1");
    // each event with a series contribution (2 orders, 2 refunds, 2 exposures) sends it at once
    // for the tier and for all
    List<SeriesFact> facts =
        harness.getSideOutput(CountyCounter.SERIES).stream().map(StreamRecord::getValue).toList();
    assertThat(facts).hasSize(12);
    assertThat(facts).extracting(f -> f.scope).containsOnly("tier:core", "all");
    List<SeriesFact> all = facts.stream().filter(f -> f.scope.equals("all")).toList();
    assertThat(all).allMatch(f -> f.eventTime == ms(JUNE_1_10AM) && f.count == 1);
    assertThat(all.stream().mapToLong(f -> f.salesFen).sum()).isEqualTo(500);
    assertThat(all.stream().mapToLong(f -> f.orders).sum()).isEqualTo(2);
    assertThat(all.stream().mapToLong(f -> f.exposure).sum()).isEqualTo(150);
    assertThat(all.stream().mapToLong(f -> f.reads).sum()).isEqualTo(10);
    // the county's own series goes out with the totals: its minute after the first event, then
    // after all six
    assertThat(countySeries())
        .containsExactly(
            new MinuteBucket("county:622921", JUNE_1_10AM, 1, 500, 1, 0, 0, 0),
            new MinuteBucket("county:622921", JUNE_1_10AM, 6, 500, 2, 150, 10, 0));

    // totals, distinct ids, recent event ids, today buckets, last emission time, the series hour
    // (emit-at and the changed-hours index are cleared by the emission)
    assertThat(harness.numKeyedStateEntries()).isEqualTo(6);
  }

  @Test
  void emitsAtMostOncePerIntervalWhateverTheInputRate() throws Exception {
    for (int i = 0; i < 500; i++) {
      in(training("t-" + i, JUNE_1_10AM));
    }
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    harness.setProcessingTime(EMIT.toMillis());
    for (int i = 500; i < 1000; i++) {
      in(training("t-" + i, JUNE_1_10AM));
    }
    harness.setProcessingTime(2 * EMIT.toMillis());

    assertThat(harness.extractOutputValues())
        .extracting(t -> t.get(Kpi.TRAINEES))
        .containsExactly(1L, 500L, 1000L);
  }

  @Test
  void todayResetsAtMidnightOnTheCampaignClock() throws Exception {
    harness.processWatermark(ms(JUNE_1_10AM));
    in(exposure("e-1", JUNE_1_10AM, 100, 0));
    in(exposure("e-2", JUNE_2_1AM, 7, 0)); // ahead of the clock: belongs to tomorrow's today
    harness.setProcessingTime(EMIT.toMillis());

    List<CountyTotals> first = harness.extractOutputValues();
    CountyTotals before = first.get(first.size() - 1);
    assertThat(before.day).isEqualTo(JUNE_1);
    assertThat(before.today[Kpi.EXPOSURE.ordinal()]).isEqualTo(100);
    assertThat(before.get(Kpi.EXPOSURE)).isEqualTo(107);
    // the flush-at-end timer, the next midnight, the drop of each series hour, one sweep of the
    // recent event ids (both forgotten on the same UTC day)
    assertThat(harness.numEventTimeTimers()).isEqualTo(5);

    harness.processWatermark(ms(JUNE_2_MIDNIGHT));
    harness.setProcessingTime(2 * EMIT.toMillis());

    List<CountyTotals> out = harness.extractOutputValues();
    CountyTotals after = out.get(out.size() - 1);
    assertThat(after.day).isEqualTo(JUNE_2);
    assertThat(after.today[Kpi.EXPOSURE.ordinal()]).isEqualTo(7);
    assertThat(after.get(Kpi.EXPOSURE)).isEqualTo(107);
    // the flush-at-end timer, the series drops and the sweep
    assertThat(harness.numEventTimeTimers()).isEqualTo(4);
  }

  private List<MinuteBucket> countySeries() {
    return harness.getSideOutput(CountyCounter.COUNTY_SERIES).stream()
        .flatMap(v -> OutputJson.readBuckets(v.getValue().value).stream())
        .toList();
  }

  private CountyTotals last() {
    List<CountyTotals> out = harness.extractOutputValues();
    return out.get(out.size() - 1);
  }

  @Test
  void anExactDuplicateCountsOnlyAsADuplicateWhileItsIdIsHeld() throws Exception {
    in(exposure("e-1", JUNE_1_10AM, 100, 10));
    in(exposure("e-1", JUNE_1_10AM, 100, 10));
    in(exposure("e-2", JUNE_1_10AM, 5, 0));
    harness.setProcessingTime(EMIT.toMillis());

    CountyTotals t = last();
    assertThat(t.get(Kpi.EXPOSURE)).isEqualTo(105);
    assertThat(t.duplicates).isEqualTo(1);
    assertThat(t.version).isEqualTo(3);
  }

  @Test
  void idsAreForgottenWhenTheWatermarkPassesEventTimePlusRetentionRoundedToTheDay()
      throws Exception {
    in(exposure("e-1", JUNE_1_10AM, 100, 10));
    harness.setProcessingTime(EMIT.toMillis());

    harness.processWatermark(FORGET_AT - 1);
    in(exposure("e-1", JUNE_1_10AM, 100, 10)); // held (the rounding keeps it past 7 days)
    harness.setProcessingTime(2 * EMIT.toMillis());
    assertThat(last().get(Kpi.EXPOSURE)).isEqualTo(100);
    assertThat(last().duplicates).isEqualTo(1);
    int withId = harness.numKeyedStateEntries();

    harness.processWatermark(FORGET_AT);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(withId - 1);
  }

  /** Sends {@code r} and returns the county's duplicates after the next emission. */
  private long duplicatesAfter(ParsedRecord r) throws Exception {
    in(r);
    harness.setProcessingTime(harness.getProcessingTime() + EMIT.toMillis());
    return last().duplicates;
  }

  @Test
  void eachSweepForgetsExactlyTheIdsDueAlsoAfterARestore() throws Exception {
    long day = Duration.ofDays(1).toMillis();
    Instant second = JUNE_1_10AM.plus(Duration.ofDays(1));
    Instant third = JUNE_1_10AM.plus(Duration.ofDays(2));
    in(exposure("e-1", JUNE_1_10AM, 1, 0));
    in(exposure("e-2", second, 1, 0));
    in(exposure("e-3", third, 1, 0));
    harness.processWatermark(FORGET_AT); // the first sweep: e-1 only
    assertThat(duplicatesAfter(exposure("e-2", second, 1, 0))).isEqualTo(1);
    assertThat(duplicatesAfter(exposure("e-1", JUNE_1_10AM, 1, 0))).isEqualTo(1); // forgotten

    // a restored instance starts without its in-memory index of ids by forget time
    long now = harness.getProcessingTime();
    OperatorSubtaskState snapshot = harness.snapshot(1, now);
    harness.close();
    harness = newHarness();
    harness.setProcessingTime(now);
    harness.initializeState(snapshot);
    harness.open();
    harness.processWatermark(FORGET_AT + day); // e-2
    assertThat(duplicatesAfter(exposure("e-3", third, 1, 0))).isEqualTo(2);
    assertThat(duplicatesAfter(exposure("e-2", second, 1, 0))).isEqualTo(2); // forgotten
    harness.processWatermark(FORGET_AT + 2 * day); // e-3, through the index rebuilt above
    assertThat(duplicatesAfter(exposure("e-3", third, 1, 0))).isEqualTo(2); // forgotten
    assertThat(last().get(Kpi.EXPOSURE)).isEqualTo(6); // e-1, e-2, e-3 and the 3 forgotten resent
  }

  /**
   * Ids an older build kept in a {@code MapState<String, Long>} (id to forget time), with its sweep
   * timers, are still recognised after a restore, moved into the table and swept on time.
   */
  @Test
  void idsKeptByAnOlderBuildAreRecognisedAndSweptAfterARestore() throws Exception {
    OperatorSubtaskState old;
    try (var before = KeyedHarness.opened(new OlderRecentIds(), r -> r.countyCode, null)) {
      before.processElement(exposure("e-1", JUNE_1_10AM, 1, 0), ms(JUNE_1_10AM));
      before.processElement(exposure("e-2", JUNE_1_10AM.plus(Duration.ofDays(1)), 1, 0), 0);
      old = before.snapshot(1, 0);
    }
    harness.close();
    harness = newHarness();
    harness.setProcessingTime(0);
    harness.initializeState(old);
    harness.open();

    assertThat(duplicatesAfter(exposure("e-1", JUNE_1_10AM, 1, 0))).isEqualTo(1);
    assertThat(duplicatesAfter(exposure("e-3", JUNE_1_10AM, 1, 0))).isEqualTo(1); // new
    harness.processWatermark(FORGET_AT); // the older build's sweep timer: e-1 and e-3
    assertThat(duplicatesAfter(exposure("e-1", JUNE_1_10AM, 1, 0))).isEqualTo(1); // forgotten
    assertThat(duplicatesAfter(exposure("e-2", JUNE_1_10AM.plus(Duration.ofDays(1)), 1, 0)))
        .isEqualTo(2);
    // the older state is gone: the county's entries are its totals, last emission and table
    // (the events are days behind the clock: no "today", no series hour)
    assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
  }

  /** What builds before the id table kept for an additive event: its id and forget time. */
  private static final class OlderRecentIds
      extends KeyedProcessFunction<String, ParsedRecord, CountyTotals> {
    private transient MapState<String, Long> ids;

    @Override
    public void open(OpenContext ctx) {
      ids =
          getRuntimeContext()
              .getMapState(
                  new MapStateDescriptor<>(
                      "recent-event-ids", BulkStringSerializer.INSTANCE, LongSerializer.INSTANCE));
    }

    @Override
    public void processElement(ParsedRecord r, Context ctx, Collector<CountyTotals> out)
        throws Exception {
      long at = RecentEventIds.forgetAt(r.eventTime, RETENTION.toMillis());
      ids.put(r.eventId, at);
      ctx.timerService().registerEventTimeTimer(at);
    }
  }

  @Test
  void anEventOlderThanTheRetentionStillCountsAndIsNotRemembered() throws Exception {
    harness.processWatermark(FORGET_AT);
    int before = harness.numKeyedStateEntries();
    in(exposure("old-1", JUNE_1_10AM, 7, 0));
    in(exposure("old-1", JUNE_1_10AM, 7, 0)); // a replay too old to be recognised counts again
    harness.setProcessingTime(EMIT.toMillis());

    assertThat(last().get(Kpi.EXPOSURE)).isEqualTo(14);
    assertThat(last().duplicates).isZero();
    // totals, last emission, today: no recent-event-ids entry
    assertThat(harness.numKeyedStateEntries()).isEqualTo(before + 2);
  }

  @Test
  void eventsIdempotentByTheirDistinctIdAreNotHeldByEventId() throws Exception {
    in(order("e-9", JUNE_1_10AM, "o-1", 500, SalesChannel.STORE, null));
    in(order("e-9", JUNE_1_10AM, "o-1", 500, SalesChannel.STORE, null));
    harness.setProcessingTime(EMIT.toMillis());

    assertThat(last().get(Kpi.ORDERS)).isEqualTo(1);
    assertThat(last().duplicates).isEqualTo(1); // recognised by its orderId
    // totals, distinct ids, today, last emission, the series hour: no recent-event-ids entry
    assertThat(harness.numKeyedStateEntries()).isEqualTo(5);
  }

  @Test
  void forgetTimesAreRoundedUpToTheUtcDaySoOneSweepServesADay() {
    long retention = RETENTION.toMillis();
    long t = ms(JUNE_1_10AM);
    assertThat(RecentEventIds.forgetAt(t, retention)).isEqualTo(FORGET_AT);
    assertThat(RecentEventIds.forgetAt(FORGET_AT - retention, retention)).isEqualTo(FORGET_AT);
    assertThat(RecentEventIds.forgetAt(FORGET_AT - retention + 1, retention))
        .isEqualTo(FORGET_AT + RecentEventIds.DAY);
    assertThat(RecentEventIds.isSweepTime(FORGET_AT)).isTrue();
    assertThat(RecentEventIds.isSweepTime(FORGET_AT + 3_600_000L)).isFalse();
  }

  @Test
  void theEndOfInputFlushesWithoutWaitingForProcessingTime() throws Exception {
    in(training("t-1", JUNE_1_10AM)); // out at once
    in(training("t-2", JUNE_1_10AM)); // waits for the interval...
    harness.processWatermark(Long.MAX_VALUE); // ...unless the input ends first

    List<CountyTotals> out = harness.extractOutputValues();
    assertThat(out).hasSize(2);
    assertThat(out.get(1).get(Kpi.TRAINEES)).isEqualTo(2);
    assertThat(out.get(1).day).isEqualTo(LocalDate.of(2019, 12, 31).toEpochDay());
  }
}
