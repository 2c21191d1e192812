package org.live110.jobs.functions;

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
import org.live110.model.output.OutputJson;

/**
 * The per-minute series of the current key's scope in keyed state, grouped by hour ({@link
 * SeriesHour}), and the one way its changed buckets leave: one record per scope and emission, a
 * JSON array of at most {@value #MAX_BUCKETS_PER_RECORD} buckets ({@link OutputJson#writeBuckets}),
 * keyed by the scope so that they stay in order. Used by the county counter (each county's own
 * series) and by {@link MinuteSeries} (the tiers and all).
 *
 * <p>A bucket takes facts until the watermark passes its minute's end + {@code window}; a later
 * fact is late ({@link #isLate}) and the caller counts it instead. Hours are dropped (their unsent
 * changes sent first) by one event-time timer per scope and group of {@value #HOURS_PER_DROP}
 * hours, when all minutes of the group are past the window: in a replay the counties' series opened
 * about one hour per three counted events, and a timer per hour (registered, queued, fired, each
 * under its key) was most of the county operator's event-time work (BENCHMARKS.md, item 24). An
 * hour is held up to five hours longer; it takes no fact in that time (every fact for it is late).
 */
final class ScopeSeries {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;

  /** Hours dropped by one timer (a quarter of a day: groups align with UTC midnight). */
  static final int HOURS_PER_DROP = 6;

  private static final long DROP_GROUP = HOURS_PER_DROP * HOUR;

  /**
   * Bound of one series record: a day of minutes of one scope, about 230 KB of JSON, well below
   * Kafka's default 1 MB request size.
   */
  static final int MAX_BUCKETS_PER_RECORD = 1440;

  /** The series record being written (one at a time: the operator's thread), reused. */
  private final OutputJson.BucketArray batch = new OutputJson.BucketArray();

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

  /**
   * The event time at which the hour starting at {@code hour} is past the window: its last
   * minute's.
   */
  long dropHourAt(long hour) {
    return dropAt(hour + HOUR - MINUTE);
  }

  /**
   * The drop timer of the hour starting at {@code hour}: the time its group's last hour is past the
   * window. A new hour registers it ({@link #add} says when); a repeat registration of the same
   * group's timer is one set lookup in Flink's timer service.
   */
  long dropTimerOf(long hour) {
    return dropHourAt(Math.floorDiv(hour, DROP_GROUP) * DROP_GROUP + DROP_GROUP - HOUR);
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
    for (Long hour : changed) {
      SeriesHour h = hours.get(hour);
      takeDirty(scope, hour, h);
      hours.put(hour, h);
      if (batch.size() >= MAX_BUCKETS_PER_RECORD) {
        send(scope, out);
      }
    }
    send(scope, out);
    dirtyHours.clear();
  }

  /**
   * The last of the {@value #HOURS_PER_DROP} hours a timer at {@code timestamp} drops: the hour
   * whose drop time is {@code timestamp} (the inverse of {@link #dropHourAt}).
   */
  long lastHourDroppedBy(long timestamp) {
    return timestamp - dropHourAt(0);
  }

  /**
   * At an event-time timer of the caller's scope: sends the unsent changes of the hours whose drop
   * this timer is for and forgets them. Any event-time timer may be one (the caller need not tell
   * its timers apart): it names the group of {@value #HOURS_PER_DROP} hours ending with the hour
   * that is past the window at {@code timestamp} — every one of them past it too. State restored
   * from a build with a timer per hour holds those timers: each drops its hour and the ones before
   * it, and the rest go with the timers after.
   */
  void dropDue(String scope, long timestamp, Consumer<KeyedValue> out) throws Exception {
    long last = lastHourDroppedBy(timestamp);
    for (long hour = last - DROP_GROUP + HOUR; hour <= last; hour += HOUR) {
      SeriesHour h = hours.get(hour);
      if (h != null) {
        takeDirty(scope, hour, h);
        hours.remove(hour);
        dirtyHours.remove(hour);
      }
    }
    send(scope, out);
  }

  /** Writes the changed minutes of {@code h} into {@code batch}, in minute order. */
  private void takeDirty(String scope, long hour, SeriesHour h) {
    long dirty = h.dirty;
    while (dirty != 0) {
      int m = Long.numberOfTrailingZeros(dirty);
      dirty &= dirty - 1;
      batch.add(
          scope,
          hour + m * MINUTE,
          h.get(m, SeriesHour.VERSION),
          h.get(m, SeriesHour.SALES_FEN),
          h.get(m, SeriesHour.ORDERS),
          h.get(m, SeriesHour.EXPOSURE),
          h.get(m, SeriesHour.READS),
          h.get(m, SeriesHour.NEW_VIEWERS));
    }
    h.dirty = 0;
  }

  /** Sends the buckets written so far as one record of {@code scope}, if any. */
  private void send(String scope, Consumer<KeyedValue> out) {
    if (batch.size() > 0) {
      out.accept(new KeyedValue(scope, batch.toBytes()));
      batch.reset();
    }
  }
}
