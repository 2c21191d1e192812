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
    // one drop timer per hour (both minutes are in 10:00-11:00), which is also the end-of-input
    // flush
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
    harness.processWatermark(series.dropHourAt(hour) - 1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    harness.processWatermark(series.dropHourAt(hour));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // only the lateEvents count
  }

  @Test
  void anUnsentBucketIsSentBeforeItIsDropped() throws Exception {
    harness.processElement(fact(JUNE_1_10AM, 500, 1, 0), 0);
    harness.processWatermark(series.dropHourAt(ms(JUNE_1_10AM)));

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
