package org.live110.jobs.functions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.MinuteTotals;
import org.live110.jobs.records.SeriesFact;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.OutputJson;

/**
 * Per-minute trend series of one scope (keyed by scope: all, a tier or a county), in event time.
 *
 * <p>Input: the counters' {@link SeriesFact}s (per county and minute, pre-aggregated). Output:
 * absolute {@link MinuteBucket}s keyed by {@code scope@minute}, each changed bucket at most once
 * per {@code emitInterval} of processing time. Only minutes within {@code window} of the watermark
 * are kept: each bucket is dropped by an event-time timer when the watermark passes its end +
 * window (a changed, unsent bucket is sent first). A fact for a minute that is already gone still
 * counts in the annual totals (the counter did that) but not in the series: it increments {@code
 * lateEvents} (state and metric).
 */
public class MinuteSeries extends KeyedProcessFunction<String, SeriesFact, KeyedValue> {
  private static final long serialVersionUID = 1L;
  private static final long MINUTE = 60_000L;

  private final long windowMillis;
  private final long emitIntervalMillis;

  private transient MapState<Long, MinuteTotals> buckets;
  private transient MapState<Long, Boolean> dirty;
  private transient ValueState<Long> emitAt;
  private transient ValueState<Long> lateEvents;
  private transient Counter lateCounter;

  public MinuteSeries(Duration window, Duration emitInterval) {
    this.windowMillis = window.toMillis();
    this.emitIntervalMillis = Math.max(1, emitInterval.toMillis());
  }

  @Override
  public void open(OpenContext ctx) {
    buckets =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "minutes", Types.LONG, TypeInformation.of(MinuteTotals.class)));
    dirty =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("dirty-minutes", Types.LONG, Types.BOOLEAN));
    emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
    lateEvents =
        getRuntimeContext().getState(new ValueStateDescriptor<>("late-events", Types.LONG));
    lateCounter = getRuntimeContext().getMetricGroup().counter("lateEvents");
  }

  /** The event time at which the bucket of {@code minute} is dropped. */
  public long dropAt(long minute) {
    return minute + MINUTE + windowMillis;
  }

  @Override
  public void processElement(SeriesFact f, Context ctx, Collector<KeyedValue> out)
      throws Exception {
    long minute = Math.floorDiv(f.eventTime, MINUTE) * MINUTE;
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE && dropAt(minute) <= watermark) {
      Long late = lateEvents.value();
      lateEvents.update(late == null ? f.count : late + f.count);
      lateCounter.inc(f.count);
      return;
    }
    MinuteTotals b = buckets.get(minute);
    if (b == null) {
      b = new MinuteTotals();
      ctx.timerService().registerEventTimeTimer(dropAt(minute));
    }
    b.add(f);
    buckets.put(minute, b);
    dirty.put(minute, Boolean.TRUE);
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    if (emitAt.value() == null) {
      long at = ctx.timerService().currentProcessingTime() + emitIntervalMillis;
      ctx.timerService().registerProcessingTimeTimer(at);
      emitAt.update(at);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedValue> out)
      throws Exception {
    String scope = ctx.getCurrentKey();
    if (ctx.timeDomain() == TimeDomain.EVENT_TIME && timestamp != Long.MAX_VALUE) {
      long minute = timestamp - MINUTE - windowMillis;
      MinuteTotals b = buckets.get(minute);
      if (b != null && dirty.contains(minute)) {
        out.collect(bucket(scope, minute, b));
      }
      buckets.remove(minute);
      dirty.remove(minute);
      return;
    }
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      Long due = emitAt.value();
      if (due == null || due != timestamp) {
        return;
      }
    }
    emitAt.clear();
    List<Long> changed = new ArrayList<>();
    for (Long m : dirty.keys()) {
      changed.add(m);
    }
    changed.sort(null);
    for (Long m : changed) {
      MinuteTotals b = buckets.get(m);
      if (b != null) {
        out.collect(bucket(scope, m, b));
      }
    }
    dirty.clear();
  }

  private static KeyedValue bucket(String scope, long minute, MinuteTotals b) {
    MinuteBucket mb =
        new MinuteBucket(
            scope,
            Instant.ofEpochMilli(minute),
            b.version,
            b.salesFen,
            b.orders,
            b.exposure,
            b.reads,
            b.newViewers);
    return new KeyedValue(mb.key(), OutputJson.write(mb));
  }
}
