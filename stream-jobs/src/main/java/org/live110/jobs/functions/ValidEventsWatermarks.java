package org.live110.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.live110.jobs.records.ParsedRecord;

/**
 * The campaign clock: bounded out-of-orderness over the eventTime of valid events only, plus
 * idleness so that a quiet topic or partition never stalls it. Rejected records have no trusted
 * time (a 2026 Kafka timestamp or a garbage eventTime must not move the 2019 clock), so they carry
 * no influence on the watermark.
 */
public final class ValidEventsWatermarks implements WatermarkGenerator<ParsedRecord> {
  private final long outOfOrdernessMillis;
  private long maxEventTime = Long.MIN_VALUE;

  public ValidEventsWatermarks(Duration outOfOrderness) {
    this.outOfOrdernessMillis = outOfOrderness.toMillis();
  }

  /** The strategy every source of the job uses (per Kafka partition when used on a KafkaSource). */
  public static WatermarkStrategy<ParsedRecord> strategy(
      Duration outOfOrderness, Duration idleness) {
    return WatermarkStrategy.<ParsedRecord>forGenerator(
            ctx -> new ValidEventsWatermarks(outOfOrderness))
        .withTimestampAssigner((r, recordTs) -> r.valid() ? r.eventTime : recordTs)
        .withIdleness(idleness);
  }

  @Override
  public void onEvent(ParsedRecord r, long eventTimestamp, WatermarkOutput output) {
    if (r.valid() && r.eventTime > maxEventTime) {
      maxEventTime = r.eventTime;
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (maxEventTime != Long.MIN_VALUE) {
      output.emitWatermark(new Watermark(maxEventTime - outOfOrdernessMillis - 1));
    }
  }
}
