package org.live110.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.live110.jobs.records.ParsedRecord;

/**
 * De-duplicates additive events by eventId (keyed by eventId). Input and output: valid events;
 * every input is forwarded once, duplicates flagged {@link ParsedRecord#duplicate} (so the counter
 * can count them per scope), events past the retention flagged {@link ParsedRecord#dedupExpired}.
 *
 * <p>Policy (bounded state for a campaign of any size): an eventId is kept for {@code retention} of
 * event time after its eventTime, rounded up to the next full hour so that cleanup timers coalesce;
 * the event-time cleanup timer then clears it. An additive event whose eventTime is already older
 * than watermark − retention and whose id is no longer held still counts (the contract: a valid
 * event counts whenever it arrives), is not remembered, and is flagged (a metric {@code
 * dedupExpired} shows how often): a replay of such an old event would count again.
 *
 * <p>Events that are idempotent by a distinct-id set kept for the whole campaign (see {@link
 * ParsedRecord#dedupByEventId()}) pass through without touching state.
 */
public class EventDeduplicator extends KeyedProcessFunction<String, ParsedRecord, ParsedRecord> {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = Duration.ofHours(1).toMillis();

  private final long retentionMillis;
  private transient ValueState<Long> seen;
  private transient Counter expired;
  private transient Counter duplicates;

  public EventDeduplicator(Duration retention) {
    this.retentionMillis = retention.toMillis();
  }

  @Override
  public void open(OpenContext ctx) {
    seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-event-time", Types.LONG));
    expired = getRuntimeContext().getMetricGroup().counter("dedupExpired");
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
  }

  /** The event time at which an id first seen with this eventTime is forgotten. */
  public static long forgetAt(long eventTime, long retentionMillis) {
    long t = eventTime + retentionMillis;
    return Math.floorDiv(t + HOUR - 1, HOUR) * HOUR;
  }

  @Override
  public void processElement(ParsedRecord r, Context ctx, Collector<ParsedRecord> out)
      throws Exception {
    if (!r.dedupByEventId()) {
      out.collect(r);
      return;
    }
    if (seen.value() != null) {
      r.duplicate = true;
      duplicates.inc();
      out.collect(r);
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE && r.eventTime + retentionMillis <= watermark) {
      r.dedupExpired = true;
      expired.inc();
      out.collect(r);
      return;
    }
    seen.update(r.eventTime);
    ctx.timerService().registerEventTimeTimer(forgetAt(r.eventTime, retentionMillis));
    out.collect(r);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ParsedRecord> out) {
    seen.clear();
  }
}
