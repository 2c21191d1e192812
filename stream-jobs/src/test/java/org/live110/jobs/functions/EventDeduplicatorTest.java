package org.live110.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.live110.jobs.testing.Fixtures.JUNE_1_10AM;
import static org.live110.jobs.testing.Fixtures.exposure;
import static org.live110.jobs.testing.Fixtures.ms;
import static org.live110.jobs.testing.Fixtures.order;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.live110.jobs.records.ParsedRecord;
import org.live110.model.event.SalesChannel;
import org.live110.model.plan.CampaignCalendar;

class EventDeduplicatorTest {
  private static final Duration RETENTION = Duration.ofDays(7);

  /** JUNE_1_10AM + 7 days, rounded up to the hour (already whole). */
  private static final long FORGET_AT =
      ZonedDateTime.of(2019, 6, 8, 10, 0, 0, 0, CampaignCalendar.ZONE).toInstant().toEpochMilli();

  private KeyedOneInputStreamOperatorTestHarness<String, ParsedRecord, ParsedRecord> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new EventDeduplicator(RETENTION), r -> r.eventId, Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void aRepeatedEventIdIsFlaggedAsDuplicateAndForwarded() throws Exception {
    harness.processElement(exposure("e-1", JUNE_1_10AM, 100, 10), ms(JUNE_1_10AM));
    harness.processElement(exposure("e-1", JUNE_1_10AM, 100, 10), ms(JUNE_1_10AM));
    harness.processElement(exposure("e-2", JUNE_1_10AM, 5, 0), ms(JUNE_1_10AM));

    List<ParsedRecord> out = harness.extractOutputValues();
    assertThat(out).extracting(r -> r.eventId).containsExactly("e-1", "e-1", "e-2");
    assertThat(out).extracting(r -> r.duplicate).containsExactly(false, true, false);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    // one cleanup timer per remembered id, at eventTime + retention rounded up to the hour
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);
  }

  @Test
  void idsAreForgottenWhenTheWatermarkPassesEventTimePlusRetention() throws Exception {
    harness.processElement(exposure("e-1", JUNE_1_10AM, 100, 10), ms(JUNE_1_10AM));

    harness.processWatermark(FORGET_AT - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(FORGET_AT);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void anEventOlderThanTheRetentionStillCountsButIsFlaggedAndNotRemembered() throws Exception {
    harness.processWatermark(FORGET_AT);
    harness.processElement(exposure("old-1", JUNE_1_10AM, 7, 0), ms(JUNE_1_10AM));
    harness.processElement(exposure("old-1", JUNE_1_10AM, 7, 0), ms(JUNE_1_10AM));

    List<ParsedRecord> out = harness.extractOutputValues();
    assertThat(out).extracting(r -> r.duplicate).containsExactly(false, false);
    assertThat(out).extracting(r -> r.dedupExpired).containsExactly(true, true);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void eventsIdempotentByTheirDistinctIdPassWithoutState() throws Exception {
    ParsedRecord o = order("e-9", JUNE_1_10AM, "o-1", 500, SalesChannel.STORE, null);
    harness.processElement(o, ms(JUNE_1_10AM));
    harness.processElement(
        order("e-9", JUNE_1_10AM, "o-1", 500, SalesChannel.STORE, null), ms(JUNE_1_10AM));

    assertThat(harness.extractOutputValues())
        .extracting(r -> r.duplicate)
        .containsExactly(false, false);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void forgetTimesAreRoundedUpToTheHourSoTimersCoalesce() {
    long retention = RETENTION.toMillis();
    long t = ms(JUNE_1_10AM);
    assertThat(EventDeduplicator.forgetAt(t, retention)).isEqualTo(FORGET_AT);
    assertThat(EventDeduplicator.forgetAt(t + 1, retention)).isEqualTo(FORGET_AT + 3_600_000L);
    assertThat(EventDeduplicator.forgetAt(t + 3_599_999L, retention))
        .isEqualTo(FORGET_AT + 3_600_000L);
  }
}
