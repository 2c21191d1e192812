package org.live110.jobs.functions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.SeriesFact;
import org.live110.jobs.records.SeriesHour;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.OutputJson;

/**
 * The per-minute series of the current key's scope in keyed state, grouped by hour ({@link
 * SeriesHour}), and the one way its changed buckets leave: one record per scope and emission, a
 * JSON array of at most {@value #MAX_BUCKETS_PER_RECORD} buckets ({@link OutputJson#writeBuckets}),
 * keyed by the scope so that they stay in order. Used by the county counter (each county's own
 * series) and by {@link MinuteSeries} (the tiers and all).
 *
 * <p>A bucket takes facts until the watermark passes its minute's end + {@code window}; a later
 * fact is late ({@link #isLate}) and the caller counts it instead. An hour is dropped once all its
 * minutes are past the window, its unsent changes sent first.
 */
final class ScopeSeries {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;

  /**
   * Bound of one series record: a day of minutes of one scope, about 230 KB of JSON, well below
   * Kafka's default 1 MB request size.
   */
  static final int MAX_BUCKETS_PER_RECORD = 1440;

  private final MapState<Long, SeriesHour> hours;
  private final MapState<Long, Boolean> dirtyHours;
  private final long windowMillis;

  /** The series in the keyed state of {@code rc}, under the two state names given. */
  static ScopeSeries inState(RuntimeContext rc, String hoursName, String changedName, long window) {
    return new ScopeSeries(
        rc.getMapState(
            new MapStateDescriptor<>(hoursName, Types.LONG, TypeInformation.of(SeriesHour.class))),
        rc.getMapState(new MapStateDescriptor<>(changedName, Types.LONG, Types.BOOLEAN)),
        window);
  }

  ScopeSeries(MapState<Long, SeriesHour> hours, MapState<Long, Boolean> dirtyHours, long window) {
    this.hours = hours;
    this.dirtyHours = dirtyHours;
    this.windowMillis = window;
  }

  static long minuteOf(long eventTime) {
    return Math.floorDiv(eventTime, MINUTE) * MINUTE;
  }

  static long hourOf(long eventTime) {
    return Math.floorDiv(eventTime, HOUR) * HOUR;
  }

  /** The event time from which the bucket of {@code minute} takes no more facts. */
  long dropAt(long minute) {
    return minute + MINUTE + windowMillis;
  }

  /** The event time at which the hour starting at {@code hour} is dropped: its last minute's. */
  long dropHourAt(long hour) {
    return dropAt(hour + HOUR - MINUTE);
  }

  /** The hour whose drop time is {@code timestamp} (the inverse of {@link #dropHourAt}). */
  long hourDroppedAt(long timestamp) {
    return timestamp - dropHourAt(0);
  }

  /** Whether a fact at {@code eventTime} is too late for the series at {@code watermark}. */
  boolean isLate(long eventTime, long watermark) {
    return watermark != Long.MIN_VALUE && dropAt(minuteOf(eventTime)) <= watermark;
  }

  /**
   * Adds a (not late) fact to its minute; returns true when its hour is new, whose drop the caller
   * then schedules.
   */
  boolean add(SeriesFact f) throws Exception {
    long minute = minuteOf(f.eventTime);
    long hour = hourOf(minute);
    SeriesHour h = hours.get(hour);
    boolean created = h == null;
    if (created) {
      h = new SeriesHour();
    }
    if (h.dirty == 0) {
      dirtyHours.put(hour, Boolean.TRUE);
    }
    h.add((int) ((minute - hour) / MINUTE), f);
    hours.put(hour, h);
    return created;
  }

  /** Sends the changed buckets of every hour, in minute order. */
  void sendChanged(String scope, Consumer<KeyedValue> out) throws Exception {
    // Only the changed hours: in a replay the watermark (the slowest input's event time) can lag
    // far behind the fastest input, so a scope may hold many hours.
    List<Long> changed = new ArrayList<>();
    for (Long hour : dirtyHours.keys()) {
      changed.add(hour);
    }
    if (changed.isEmpty()) {
      return;
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

  /** Sends the unsent changes of the hour starting at {@code hour} and forgets it. */
  void drop(String scope, long hour, Consumer<KeyedValue> out) throws Exception {
    SeriesHour h = hours.get(hour);
    if (h != null) {
      List<MinuteBucket> batch = new ArrayList<>();
      takeDirty(scope, hour, h, batch);
      send(scope, batch, out);
      hours.remove(hour);
      dirtyHours.remove(hour);
    }
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

  private static void send(String scope, List<MinuteBucket> batch, Consumer<KeyedValue> out) {
    if (!batch.isEmpty()) {
      out.accept(new KeyedValue(scope, OutputJson.writeBuckets(batch)));
      batch.clear();
    }
  }
}
