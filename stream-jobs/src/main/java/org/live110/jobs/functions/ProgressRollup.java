package org.live110.jobs.functions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.live110.jobs.records.CountyTotals;
import org.live110.jobs.records.KeyedValue;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Tier;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;

/**
 * Rolls county figures up to the tiers and {@code all} and renders every scope's {@link
 * ScopeSnapshot} (targets, progress, pace at the campaign clock = this operator's watermark). Runs
 * with parallelism 1 under one constant key ({@link #KEY}).
 *
 * <p>Input: the counters' absolute {@link CountyTotals}, plus one start signal ({@link #start()})
 * that makes it emit all counties of the registry (zeros before their first event). Output:
 * progress-topic records keyed by scope. Coalesced: changed scopes are emitted at most once per
 * {@code emitInterval} of processing time (at once after a quiet interval, else at its end); tier
 * and all are also re-emitted every second while the campaign clock moves (expected progress moves
 * with it); everything is flushed at end of input. State: the latest totals of each county (at most
 * one per registry county).
 */
public class ProgressRollup extends KeyedProcessFunction<String, CountyTotals, KeyedValue> {
  private static final long serialVersionUID = 1L;

  /** The one key of the roll-up. */
  public static final String KEY = "rollup";

  private static final long TICK_MILLIS = 1000;
  private static final int KPIS = Kpi.values().length;

  private final CountyRegistry registry;
  private final SnapshotFactory snapshots;
  private final CampaignClock clock;
  private final long emitIntervalMillis;

  private transient MapState<String, CountyTotals> counties;
  private transient MapState<String, Boolean> dirty;
  private transient ValueState<Long> emitAt;
  private transient ValueState<Long> lastEmit;
  private transient ValueState<Long> tickAt;
  private transient ValueState<Long> highestAsOf;
  private transient ValueState<Long> reportedClock;

  public ProgressRollup(
      CountyRegistry registry,
      SnapshotFactory snapshots,
      CampaignClock clock,
      Duration emitInterval) {
    this.registry = registry;
    this.snapshots = snapshots;
    this.clock = clock;
    this.emitIntervalMillis = Math.max(1, emitInterval.toMillis());
  }

  /** The start signal: a totals record without county. */
  public static CountyTotals start() {
    return new CountyTotals();
  }

  @Override
  public void open(OpenContext ctx) {
    counties =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "counties", Types.STRING, TypeInformation.of(CountyTotals.class)));
    dirty =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("dirty", Types.STRING, Types.BOOLEAN));
    emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
    lastEmit = getRuntimeContext().getState(new ValueStateDescriptor<>("last-emit", Types.LONG));
    tickAt = getRuntimeContext().getState(new ValueStateDescriptor<>("tick-at", Types.LONG));
    highestAsOf =
        getRuntimeContext().getState(new ValueStateDescriptor<>("highest-as-of", Types.LONG));
    reportedClock =
        getRuntimeContext().getState(new ValueStateDescriptor<>("reported-clock", Types.LONG));
  }

  /**
   * The watermark the snapshots are computed at: this operator's, but never beyond the highest
   * watermark a counter has reported ({@link CountyTotals#clock}). When every counter input goes
   * idle (a quiet spell, or the minutes after a restart before the sources read again) the only
   * active input left is the finished start signal, whose watermark is the end of time: alone, it
   * showed the campaign clock at the end of the year (and kept it there, {@link #asOf}).
   */
  private long effective(long watermark) throws Exception {
    Long reported = reportedClock.value();
    return Math.min(watermark, reported == null ? Long.MIN_VALUE : reported);
  }

  /**
   * The campaign clock the snapshots carry: the highest this operator has shown. After a restore
   * the watermark starts again from the inputs' restored positions, and when they are far out of
   * event-time order it may stay below the old one for long; the wall display's clock must not step
   * back meanwhile. (Today's figures still follow the current watermark's day.) Every call is
   * followed by the tiers and all at that clock, so the state is also the clock they last showed.
   */
  private long asOf(long watermark) throws Exception {
    long now = clock.at(watermark);
    Long highest = highestAsOf.value();
    Long reported = reportedClock.value();
    // Also beyond what the counters reported is never kept: a clock shown by a build without the
    // cap (see effective) is corrected as soon as the counters report.
    if (highest != null && highest >= now && (reported == null || highest <= clock.at(reported))) {
      return highest;
    }
    highestAsOf.update(now);
    return now;
  }

  @Override
  public void processElement(CountyTotals in, Context ctx, Collector<KeyedValue> out)
      throws Exception {
    if (tickAt.value() == null) {
      // First input ever (normally the start signal): every county appears, with zeros.
      for (County c : registry.counties()) {
        dirty.put(c.code(), Boolean.TRUE);
      }
      long at = ctx.timerService().currentProcessingTime() + TICK_MILLIS;
      ctx.timerService().registerProcessingTimeTimer(at);
      tickAt.update(at);
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }
    if (in.countyCode != null) {
      Long reported = reportedClock.value();
      if (reported == null || in.clock > reported) {
        reportedClock.update(in.clock);
      }
      CountyTotals current = counties.get(in.countyCode);
      if (current == null || in.version >= current.version) {
        counties.put(in.countyCode, in);
        dirty.put(in.countyCode, Boolean.TRUE);
      }
    }
    if (emitAt.value() == null) {
      // An update after a quiet interval goes out at once; a burst is coalesced.
      long now = ctx.timerService().currentProcessingTime();
      Long last = lastEmit.value();
      if (last == null || now - last >= emitIntervalMillis) {
        emitChanged(effective(ctx.timerService().currentWatermark()), false, now, out);
      } else {
        long at = last + emitIntervalMillis;
        ctx.timerService().registerProcessingTimeTimer(at);
        emitAt.update(at);
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedValue> out)
      throws Exception {
    long watermark = effective(ctx.timerService().currentWatermark());
    if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
      emitChanged(watermark, true, ctx.timerService().currentProcessingTime(), out);
      return;
    }
    Long due = emitAt.value();
    if (due != null && due == timestamp) {
      emitChanged(watermark, false, timestamp, out);
    }
    Long tick = tickAt.value();
    if (tick != null && tick == timestamp) {
      Long shown = highestAsOf.value();
      if (shown == null || shown != asOf(watermark)) {
        emitRollups(watermark, out);
      }
      long at = timestamp + TICK_MILLIS;
      ctx.timerService().registerProcessingTimeTimer(at);
      tickAt.update(at);
    }
  }

  private void emitChanged(long watermark, boolean force, long now, Collector<KeyedValue> out)
      throws Exception {
    emitAt.clear();
    List<String> changed = new ArrayList<>();
    if (force) {
      // End of input: every county once more at the final clock, whatever was sent before (a
      // county's last update may have been sent while another input still held the clock back).
      for (County c : registry.counties()) {
        changed.add(c.code());
      }
    } else {
      for (String code : dirty.keys()) {
        changed.add(code);
      }
      if (changed.isEmpty()) {
        return;
      }
    }
    lastEmit.update(now);
    long asOf = asOf(watermark);
    long day = clock.dayAt(watermark);
    for (String code : changed) {
      CountyTotals t = counties.get(code);
      if (t == null) {
        t = CountyTotals.empty(code);
      }
      long[] today = t.day == day ? t.today : new long[KPIS];
      emit(
          snapshots.snapshot(
              Scopes.county(code),
              t.version,
              t.kpis,
              t.grossSalesFen,
              t.refundedFen,
              t.livestreamSalesFen,
              t.duplicates,
              day,
              today,
              asOf),
          out);
    }
    dirty.clear();
    emitRollups(watermark, out);
  }

  private void emitRollups(long watermark, Collector<KeyedValue> out) throws Exception {
    long asOf = asOf(watermark);
    long day = clock.dayAt(watermark);
    Sum all = new Sum();
    for (Tier tier : Tier.values()) {
      Sum sum = new Sum();
      for (County c : registry.inTier(tier)) {
        CountyTotals t = counties.get(c.code());
        if (t != null) {
          sum.add(t, day);
        }
      }
      emit(sum.snapshot(tier.scope(), day, asOf), out);
      all.add(sum);
    }
    emit(all.snapshot(Scopes.ALL, day, asOf), out);
  }

  private static void emit(ScopeSnapshot s, Collector<KeyedValue> out) {
    out.collect(new KeyedValue(s.scope(), OutputJson.write(s)));
  }

  /** Running sums of one roll-up scope. */
  private final class Sum {
    final long[] kpis = new long[KPIS];
    final long[] today = new long[KPIS];
    long gross;
    long refunded;
    long livestream;
    long version;
    long duplicates;

    void add(CountyTotals t, long day) {
      for (int i = 0; i < KPIS; i++) {
        kpis[i] += t.kpis[i];
        if (t.day == day) {
          today[i] += t.today[i];
        }
      }
      gross += t.grossSalesFen;
      refunded += t.refundedFen;
      livestream += t.livestreamSalesFen;
      version += t.version;
      duplicates += t.duplicates;
    }

    void add(Sum s) {
      for (int i = 0; i < KPIS; i++) {
        kpis[i] += s.kpis[i];
        today[i] += s.today[i];
      }
      gross += s.gross;
      refunded += s.refunded;
      livestream += s.livestream;
      version += s.version;
      duplicates += s.duplicates;
    }

    ScopeSnapshot snapshot(String scope, long day, long asOf) {
      return snapshots.snapshot(
          scope, version, kpis, gross, refunded, livestream, duplicates, day, today, asOf);
    }
  }
}
