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
import org.live110.jobs.records.SeriesFact;
import org.live110.jobs.records.SeriesHour;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.OutputJson;

/**
 * Per-minute trend series of one scope (keyed by scope: all, a tier or a county), in event time.
 *
 * <p>Input: the counters' {@link SeriesFact}s (per county and minute, pre-aggregated). Output:
 * absolute {@link MinuteBucket}s, each changed bucket at most once per {@code emitInterval} of
 * processing time; the scope's changed buckets of one emission go out as one record keyed by the
 * scope (a JSON array, {@link OutputJson#writeBuckets}). In a replay nearly every event changes a
 * minute of its own, and a Kafka record per bucket made the producer, the broker and the
 * dashboard's consumer the largest cost of the series. Only minutes within {@code window} of the
 * watermark take facts: a fact for a minute whose end + window the watermark has passed still
 * counts in the annual totals (the counter did that) but not in the series: it increments {@code
 * lateEvents} (state and metric).
 *
 * <p>State is grouped by hour ({@link SeriesHour}): one entry and one event-time timer per scope
 * and hour, which drops the hour once all its minutes are past the window (a changed, unsent bucket
 * is sent first). A per-minute entry and timer made this the job's most expensive stage: in a
 * replay nearly every event opens a new minute.
 */
public class MinuteSeries extends KeyedProcessFunction<String, SeriesFact, KeyedValue> {
  private static final long serialVersionUID = 1L;
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;

  /**
   * Bound of one series record: a day of minutes of one scope, about 230 KB of JSON, well below
   * Kafka's default 1 MB request size.
   */
  static final int MAX_BUCKETS_PER_RECORD = 1440;

  private final long windowMillis;
  private final long emitIntervalMillis;

  private transient MapState<Long, SeriesHour> hours;
  private transient MapState<Long, Boolean> dirtyHours;
  private transient ValueState<Long> emitAt;
  private transient ValueState<Long> lateEvents;
  private transient Counter lateCounter;

  public MinuteSeries(Duration window, Duration emitInterval) {
    this.windowMillis = window.toMillis();
    this.emitIntervalMillis = Math.max(1, emitInterval.toMillis());
  }

  @Override
  public void open(OpenContext ctx) {
    hours =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "series-hours", Types.LONG, TypeInformation.of(SeriesHour.class)));
    dirtyHours =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("dirty-hours", Types.LONG, Types.BOOLEAN));
    emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
    lateEvents =
        getRuntimeContext().getState(new ValueStateDescriptor<>("late-events", Types.LONG));
    lateCounter = getRuntimeContext().getMetricGroup().counter("lateEvents");
  }

  /** The event time from which the bucket of {@code minute} takes no more facts. */
  public long dropAt(long minute) {
    return minute + MINUTE + windowMillis;
  }

  /** The event time at which the hour starting at {@code hour} is dropped: its last minute's. */
  public long dropHourAt(long hour) {
    return dropAt(hour + HOUR - MINUTE);
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
    long hour = Math.floorDiv(minute, HOUR) * HOUR;
    SeriesHour h = hours.get(hour);
    if (h == null) {
      h = new SeriesHour();
      // Also the end-of-input flush: the final watermark fires every drop timer.
      ctx.timerService().registerEventTimeTimer(dropHourAt(hour));
    }
    if (h.dirty == 0) {
      dirtyHours.put(hour, Boolean.TRUE);
    }
    h.add((int) ((minute - hour) / MINUTE), f);
    hours.put(hour, h);
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
      long hour = timestamp - HOUR - windowMillis;
      SeriesHour h = hours.get(hour);
      if (h != null) {
        List<MinuteBucket> batch = new ArrayList<>();
        takeDirty(scope, hour, h, batch);
        send(scope, batch, out);
        hours.remove(hour);
        dirtyHours.remove(hour);
      }
      return;
    }
    Long due = emitAt.value();
    if (due == null || due != timestamp) {
      return;
    }
    emitAt.clear();
    // Only the changed hours: in a replay the watermark (the slowest input's event time) can lag
    // far behind the fastest input, so a scope may hold many hours.
    List<Long> changed = new ArrayList<>();
    for (Long hour : dirtyHours.keys()) {
      changed.add(hour);
    }
    changed.sort(null);
    List<MinuteBucket> batch = new ArrayList<>();
    for (Long hour : changed) {
      SeriesHour h = hours.get(hour);
      takeDirty(scope, hour, h, batch);
      hours.put(hour, h);
      if (batch.size() >= MAX_BUCKETS_PER_RECORD) {
        send(scope, batch, out);
      }
    }
    send(scope, batch, out);
    dirtyHours.clear();
  }

  /** Moves the changed minutes of {@code h} into {@code batch}, in minute order. */
  private static void takeDirty(String scope, long hour, SeriesHour h, List<MinuteBucket> batch) {
    long dirty = h.dirty;
    while (dirty != 0) {
      int m = Long.numberOfTrailingZeros(dirty);
      dirty &= dirty - 1;
      batch.add(
          new MinuteBucket(
              scope,
              Instant.ofEpochMilli(hour + m * MINUTE),
              h.get(m, SeriesHour.VERSION),
              h.get(m, SeriesHour.SALES_FEN),
              h.get(m, SeriesHour.ORDERS),
              h.get(m, SeriesHour.EXPOSURE),
              h.get(m, SeriesHour.READS),
              h.get(m, SeriesHour.NEW_VIEWERS)));
    }
    h.dirty = 0;
  }

  /** One series record of the scope's buckets (keyed by scope: they stay in order), if any. */
  private static void send(String scope, List<MinuteBucket> batch, Collector<KeyedValue> out) {
    if (!batch.isEmpty()) {
      out.collect(new KeyedValue(scope, OutputJson.writeBuckets(batch)));
      batch.clear();
    }
  }
}
