package org.live110.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.live110.jobs.records.SeriesFact;

class SeriesPreAggregatorTest {
  private static final long MINUTE_10 = 1_559_354_400_000L; // 2019-06-01T02:00Z, a whole minute
  private static final Duration FLUSH = Duration.ofMillis(100);

  private OneInputStreamOperatorTestHarness<SeriesFact, SeriesFact> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(new SeriesPreAggregator(FLUSH));
    harness.setProcessingTime(0);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static SeriesFact fact(String scope, long time, long sales, long orders) {
    SeriesFact f = new SeriesFact();
    f.scope = scope;
    f.eventTime = time;
    f.salesFen = sales;
    f.orders = orders;
    return f;
  }

  /** Everything output so far: facts as "scope@time count/sales/orders", watermarks as "W time". */
  private List<String> output() {
    List<String> out = new ArrayList<>();
    for (Object o : harness.getOutput()) {
      if (o instanceof Watermark) {
        out.add("W " + ((Watermark) o).getTimestamp());
      } else if (o instanceof StreamRecord) {
        SeriesFact f = (SeriesFact) ((StreamRecord<?>) o).getValue();
        out.add(f.scope + "@" + f.eventTime + " " + f.count + "/" + f.salesFen + "/" + f.orders);
      }
    }
    return out;
  }

  @Test
  void factsAreSummedPerScopeAndMinuteUntilTheWatermark() throws Exception {
    harness.processElement(fact("all", MINUTE_10, 100, 1), 0);
    harness.processElement(fact("all", MINUTE_10 + 59_999, 250, 1), 0);
    harness.processElement(fact("tier:core", MINUTE_10, 100, 1), 0);
    harness.processElement(fact("all", MINUTE_10 + 60_000, 7, 0), 0);
    assertThat(output()).isEmpty();

    harness.processWatermark(new Watermark(MINUTE_10));
    assertThat(output())
        .containsExactlyInAnyOrder(
            "all@" + MINUTE_10 + " 2/350/2",
            "all@" + (MINUTE_10 + 60_000) + " 1/7/0",
            "tier:core@" + MINUTE_10 + " 1/100/1",
            "W " + MINUTE_10);
    assertThat(output().get(output().size() - 1)).isEqualTo("W " + MINUTE_10); // facts first
  }

  @Test
  void heldFactsLeaveBeforeACheckpointBarrierAfterTheFlushIntervalAndAtTheEnd() throws Exception {
    harness.processElement(fact("all", MINUTE_10, 1, 1), 0);
    harness.prepareSnapshotPreBarrier(1);
    assertThat(output()).containsExactly("all@" + MINUTE_10 + " 1/1/1");

    harness.processElement(fact("tier:radiating", MINUTE_10, 2, 1), 0);
    harness.setProcessingTime(FLUSH.toMillis() - 1);
    assertThat(output()).hasSize(1);
    harness.setProcessingTime(FLUSH.toMillis());
    assertThat(output()).hasSize(2);

    harness.processElement(fact("all", MINUTE_10, 3, 1), 0);
    harness.setProcessingTime(2 * FLUSH.toMillis()); // the timer is periodic
    assertThat(output()).hasSize(3);

    harness.processElement(fact("all", MINUTE_10, 4, 1), 0);
    harness.endInput();
    harness.getOneInputOperator().finish();
    assertThat(output()).last().isEqualTo("all@" + MINUTE_10 + " 1/4/1");
  }

  @Test
  void aFullBufferIsSentWithoutWaiting() throws Exception {
    for (int m = 0; m < SeriesPreAggregator.MAX_HELD; m++) {
      harness.processElement(fact("all", MINUTE_10 + m * 60_000L, 1, 0), 0);
    }
    assertThat(output()).hasSize(SeriesPreAggregator.MAX_HELD);
  }
}
