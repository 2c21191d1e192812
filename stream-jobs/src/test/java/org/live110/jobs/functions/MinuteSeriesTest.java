package org.live110.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.live110.jobs.testing.Fixtures.JUNE_1_10AM;
import static org.live110.jobs.testing.Fixtures.ONE_MINUTE_LATER;
import static org.live110.jobs.testing.Fixtures.ms;

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
import org.live110.jobs.records.SeriesFact;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.OutputJson;

class MinuteSeriesTest {
  private static final Duration WINDOW = Duration.ofHours(25);
  private static final Duration EMIT = Duration.ofMillis(100);

  private KeyedOneInputStreamOperatorTestHarness<String, SeriesFact, KeyedValue> harness;
  private final MinuteSeries function = new MinuteSeries(WINDOW, EMIT);

  /** The drop times the function uses (no state needed for them). */
  private final ScopeSeries series = new ScopeSeries(null, null, WINDOW.toMillis());

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, f -> f.scope, Types.STRING);
    harness.setProcessingTime(0);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static SeriesFact fact(Instant t, long sales, long orders, long exposure) {
    SeriesFact f = new SeriesFact();
    f.scope = "all";
    f.eventTime = t.toEpochMilli();
    f.salesFen = sales;
    f.orders = orders;
    f.exposure = exposure;
    return f;
  }

  private List<MinuteBucket> buckets() {
    return harness.extractOutputValues().stream()
        .flatMap(v -> OutputJson.readBuckets(v.value).stream())
        .toList();
  }

  @Test
  void sumsFactsPerEventTimeMinuteIntoAbsoluteVersionedBuckets() throws Exception {
    harness.processElement(fact(JUNE_1_10AM.plusSeconds(5), 500, 1, 0), 0);
    harness.processElement(fact(JUNE_1_10AM.plusSeconds(59), -200, 0, 0), 0);
    harness.processElement(fact(ONE_MINUTE_LATER, 0, 0, 1000), 0);
    harness.setProcessingTime(EMIT.toMillis());

    assertThat(buckets())
        .containsExactly(
            new MinuteBucket("all", JUNE_1_10AM, 2, 300, 1, 0, 0, 0),
            new MinuteBucket("all", ONE_MINUTE_LATER, 1, 0, 0, 1000, 0, 0));
    // one record for the scope's changed minutes, keyed by the scope
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.extractOutputValues().get(0).key).isEqualTo("all");
    // one drop timer per group of hours (both minutes are in 10:00-11:00), which is also the
    // end-of-input flush
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // the hour (emit-at cleared)
  }

  @Test
  void dropsBucketsOlderThanTheWindowAndCountsEventsTooLateForThem() throws Exception {
    harness.processElement(fact(JUNE_1_10AM, 500, 1, 0), 0);
    harness.setProcessingTime(EMIT.toMillis());
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // the hour (nothing dirty)

    harness.processWatermark(series.dropAt(ms(JUNE_1_10AM)));
    harness.processElement(fact(JUNE_1_10AM, 999, 1, 0), 0); // its minute takes no more facts
    harness.setProcessingTime(2 * EMIT.toMillis());
    assertThat(buckets()).hasSize(1); // nothing new
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // the hour and the lateEvents count

    long hour = ms(JUNE_1_10AM); // 10:00 is a whole hour
    harness.processWatermark(series.dropTimerOf(hour) - 1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    harness.processWatermark(series.dropTimerOf(hour));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // only the lateEvents count
  }

  @Test
  void oneTimerDropsAGroupOfHoursAndSendsTheirUnsentBucketsInOrder() throws Exception {
    long group = 6 * 3_600_000L;
    long start = Math.floorDiv(ms(JUNE_1_10AM), group) * group; // the group holding 10:00
    Instant first = Instant.ofEpochMilli(start);
    Instant last = Instant.ofEpochMilli(start + group - 60_000); // the group's last minute
    harness.processElement(fact(last, 7, 1, 0), 0);
    harness.processElement(fact(first, 5, 1, 0), 0);
    harness.processElement(fact(Instant.ofEpochMilli(start + group), 9, 1, 0), 0); // next group
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    // The first hour is past the window long before its group's timer: held, unchanged, until then.
    harness.processWatermark(series.dropHourAt(start));
    assertThat(buckets()).isEmpty();
    harness.processWatermark(series.dropTimerOf(start));

    assertThat(buckets())
        .containsExactly(
            new MinuteBucket("all", first, 1, 5, 1, 0, 0, 0),
            new MinuteBucket("all", last, 1, 7, 1, 0, 0, 0));
    assertThat(harness.extractOutputValues()).hasSize(1); // one record for the whole group
    assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the next group's
    // the next group's hour and its changed-hour mark, and the emission still scheduled
    assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
  }

  @Test
  void aGroupsTimerComesWhenItsLastHourIsPastTheWindowAndATimerPerHourStillDropsItsHour() {
    long hour = 3_600_000L;
    long start = Math.floorDiv(ms(JUNE_1_10AM), 6 * hour) * 6 * hour;
    for (long h = start; h < start + 6 * hour; h += hour) {
      assertThat(series.dropTimerOf(h)).isEqualTo(series.dropHourAt(start + 5 * hour));
      assertThat(series.dropTimerOf(h)).isGreaterThanOrEqualTo(series.dropHourAt(h));
      // State of a build with a timer per hour restores those timers: each drops its own hour
      // (and the five before it, all past the window too).
      assertThat(series.lastHourDroppedBy(series.dropHourAt(h))).isEqualTo(h);
    }
    assertThat(series.lastHourDroppedBy(series.dropTimerOf(start))).isEqualTo(start + 5 * hour);
  }

  @Test
  void anUnsentBucketIsSentBeforeItIsDropped() throws Exception {
    harness.processElement(fact(JUNE_1_10AM, 500, 1, 0), 0);
    harness.processWatermark(series.dropTimerOf(ms(JUNE_1_10AM)));

    assertThat(buckets()).containsExactly(new MinuteBucket("all", JUNE_1_10AM, 1, 500, 1, 0, 0, 0));
  }

  @Test
  void aRecordHoldsAtMostADayOfMinutes() throws Exception {
    int minutes = ScopeSeries.MAX_BUCKETS_PER_RECORD + 10;
    for (int m = 0; m < minutes; m++) {
      harness.processElement(fact(JUNE_1_10AM.plusSeconds(60L * m), 1, 1, 0), 0);
    }
    harness.setProcessingTime(EMIT.toMillis());

    List<Integer> sizes =
        harness.extractOutputValues().stream()
            .map(v -> OutputJson.readBuckets(v.value).size())
            .toList();
    // whole hours are added to a record until it holds a day (1,440); the 10 left go in a second
    assertThat(sizes).containsExactly(1440, 10);
    assertThat(buckets()).isSortedAccordingTo(java.util.Comparator.comparing(MinuteBucket::minute));
  }
}
