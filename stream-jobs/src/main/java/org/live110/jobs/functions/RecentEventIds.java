package org.live110.jobs.functions;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;
import org.live110.jobs.records.ParsedRecord;
import org.live110.jobs.state.RecentIdTable;

/**
 * The eventIds of one county's recent additive events, kept in the county's keyed state so that an
 * exact duplicate (same eventId, hence the same countyCode) is recognised without a shuffle of its
 * own.
 *
 * <p>Policy (bounded state for a campaign of any size): an eventId is remembered for {@code
 * retention} of event time after its eventTime, rounded up to the next whole UTC day so that one
 * sweep timer per county and day forgets a day's ids at once. An additive event whose eventTime is
 * already older than watermark − retention and whose id is no longer held still counts (the
 * contract: a valid event counts whenever it arrives) but is not remembered: a replay of such an
 * old event would count again ({@link Verdict#TOO_OLD}, the {@code dedupExpired} metric).
 *
 * <p>The ids are held as fingerprints with their forget day in one {@link RecentIdTable} per county
 * (see there why). Builds before it held them in a {@code MapState<String, Long>} (id → forget
 * time); restored from such a checkpoint, each county's old entries move into its table the first
 * time this instance meets the county, and the old state is cleared. The sweep timers are the same
 * in both (whole UTC days), so the old build's timers sweep the table.
 *
 * <p>Events that are idempotent through a distinct-id set kept for the whole campaign (see {@link
 * ParsedRecord#dedupByEventId()}) are never stored here.
 */
final class RecentEventIds {
  static final long DAY = 86_400_000L;

  /** What to do with an event. */
  enum Verdict {
    /** Seen for the first time (now remembered, or not subject to eventId dedup): count it. */
    NEW,
    /** The eventId is held: an exact duplicate; count it as a duplicate only. */
    DUPLICATE,
    /** Older than the retention and not held: count it, though a replay could not be recognised. */
    TOO_OLD
  }

  private final ValueState<RecentIdTable> table;
  private final MapState<String, Long> before;
  private final long retentionMillis;

  /**
   * One sweep per county and day, registered once (a fired sweep is never needed again: an id
   * forgotten at or before the watermark is {@link Verdict#TOO_OLD} and not stored).
   */
  private final LastTimer sweepTimer = new LastTimer();

  /** Counties whose ids of an older build this instance has moved into their table already. */
  private final Set<String> moved = new HashSet<>();

  /**
   * @param table the county's ids (this build's state)
   * @param before the county's ids as builds before {@link RecentIdTable} kept them, if restored
   */
  RecentEventIds(
      ValueState<RecentIdTable> table, MapState<String, Long> before, long retentionMillis) {
    this.table = table;
    this.before = before;
    this.retentionMillis = retentionMillis;
  }

  /** The event time at which an id first seen with this eventTime is forgotten. */
  static long forgetAt(long eventTime, long retentionMillis) {
    return Math.floorDiv(eventTime + retentionMillis + DAY - 1, DAY) * DAY;
  }

  /** Whether an event-time timer at {@code timestamp} is (also) a sweep of this memory. */
  static boolean isSweepTime(long timestamp) {
    return timestamp != Long.MAX_VALUE && Math.floorMod(timestamp, DAY) == 0;
  }

  /** Judges {@code r} and remembers its id when it is new; registers the sweep that forgets it. */
  Verdict check(ParsedRecord r, TimerService timers) throws Exception {
    if (!r.dedupByEventId()) {
      return Verdict.NEW;
    }
    RecentIdTable ids = moveOlderState(r.countyCode);
    RecentIdTable.Fingerprint id = RecentIdTable.Fingerprint.of(r.eventId);
    if (ids != null && ids.contains(id)) {
      return Verdict.DUPLICATE;
    }
    long watermark = timers.currentWatermark();
    if (watermark != Long.MIN_VALUE && r.eventTime + retentionMillis <= watermark) {
      return Verdict.TOO_OLD;
    }
    long due = forgetAt(r.eventTime, retentionMillis);
    if (ids == null) {
      ids = new RecentIdTable();
    }
    ids.add(id, dayOf(due));
    table.update(ids);
    sweepTimer.register(r.countyCode, due, timers);
    return Verdict.NEW;
  }

  /** Forgets every id of {@code county} (the current key) whose time has come. */
  void sweep(String county, long timestamp) throws Exception {
    RecentIdTable ids = moveOlderState(county);
    if (ids == null) {
      return;
    }
    if (ids.forgetUpTo(dayOf(timestamp)) > 0) {
      if (ids.isEmpty()) {
        table.clear();
      } else {
        table.update(ids);
      }
    }
  }

  /**
   * The current county's table (or null), after moving into it, once per county and instance, any
   * ids an older build kept in its map state.
   */
  private RecentIdTable moveOlderState(String county) throws Exception {
    RecentIdTable ids = table.value();
    if (!moved.add(county) || before.isEmpty()) {
      return ids;
    }
    if (ids == null) {
      ids = new RecentIdTable();
    }
    for (Map.Entry<String, Long> e : before.entries()) {
      ids.add(RecentIdTable.Fingerprint.of(e.getKey()), dayOf(e.getValue()));
    }
    before.clear();
    table.update(ids);
    return ids;
  }

  /** Days since 1970 of a forget time or sweep time (a whole UTC day). */
  private static int dayOf(long millis) {
    return Math.toIntExact(Math.floorDiv(millis, DAY));
  }
}
