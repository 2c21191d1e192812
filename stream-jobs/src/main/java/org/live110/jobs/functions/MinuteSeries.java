package org.live110.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.SeriesFact;
import org.live110.jobs.records.SeriesHour;
import org.live110.model.output.MinuteBucket;

/**
 * Per-minute trend series of the shared scopes (keyed by scope: all or a tier), in event time. Each
 * county's own series is kept by the county counter, which has its facts at hand.
 *
 * <p>Input: the counters' {@link SeriesFact}s for the tiers and all, summed per minute by {@link
 * SeriesPreAggregator}. Output: absolute {@link MinuteBucket}s, each changed bucket at most once
 * per {@code emitInterval} of processing time, one record per scope and emission ({@link
 * ScopeSeries}). The counter judges lateness when an event arrives and sends no fact for a late one
 * (it counts {@code lateEvents} for every scope the event would have fed); a fact that is
 * nevertheless too old here is counted the same way, never added.
 *
 * <p>State is grouped by hour ({@link SeriesHour}): one entry per scope and hour, dropped (a
 * changed, unsent bucket sent first) by an event-time timer per scope and group of hours once all
 * their minutes are past the window.
 */
public class MinuteSeries extends KeyedProcessFunction<String, SeriesFact, KeyedValue> {
  private static final long serialVersionUID = 1L;

  private final long windowMillis;
  private final long emitIntervalMillis;

  private transient ScopeSeries series;
  private transient ValueState<Long> emitAt;
  private transient ValueState<Long> lateEvents;
  private transient Counter lateCounter;

  public MinuteSeries(Duration window, Duration emitInterval) {
    this.windowMillis = window.toMillis();
    this.emitIntervalMillis = Math.max(1, emitInterval.toMillis());
  }

  @Override
  public void open(OpenContext ctx) {
    series = ScopeSeries.inState(getRuntimeContext(), "series-hours", "dirty-hours", windowMillis);
    emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
    lateEvents =
        getRuntimeContext().getState(new ValueStateDescriptor<>("late-events", Types.LONG));
    lateCounter = getRuntimeContext().getMetricGroup().counter("lateEvents");
  }

  @Override
  public void processElement(SeriesFact f, Context ctx, Collector<KeyedValue> out)
      throws Exception {
    if (series.isLate(f.eventTime, ctx.timerService().currentWatermark())) {
      Long late = lateEvents.value();
      lateEvents.update(late == null ? f.count : late + f.count);
      lateCounter.inc(f.count);
      return;
    }
    if (series.add(f)) {
      // Also the end-of-input flush: the final watermark fires every drop timer.
      ctx.timerService()
          .registerEventTimeTimer(series.dropTimerOf(ScopeSeries.hourOf(f.eventTime)));
    }
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
    if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
      series.dropDue(scope, timestamp, out::collect);
      return;
    }
    Long due = emitAt.value();
    if (due == null || due != timestamp) {
      return;
    }
    emitAt.clear();
    series.sendChanged(scope, out::collect);
  }
}
