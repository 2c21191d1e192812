package org.live110.jobs.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;
import org.live110.jobs.records.ParsedRecord;

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

  private final MapState<String, Long> forgetAtById;
  private final long retentionMillis;

  /**
   * One sweep per county and day, registered once (a fired sweep is never needed again: an id
   * forgotten at or before the watermark is {@link Verdict#TOO_OLD} and not stored).
   */
  private final LastTimer sweepTimer = new LastTimer();

  RecentEventIds(MapState<String, Long> forgetAtById, long retentionMillis) {
    this.forgetAtById = forgetAtById;
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
    if (forgetAtById.contains(r.eventId)) {
      return Verdict.DUPLICATE;
    }
    long watermark = timers.currentWatermark();
    if (watermark != Long.MIN_VALUE && r.eventTime + retentionMillis <= watermark) {
      return Verdict.TOO_OLD;
    }
    long at = forgetAt(r.eventTime, retentionMillis);
    forgetAtById.put(r.eventId, at);
    sweepTimer.register(r.countyCode, at, timers);
    return Verdict.NEW;
  }

  /** Forgets every id whose time has come (a county holds a few days of ids: a short scan). */
  void sweep(long timestamp) throws Exception {
    List<String> due = new ArrayList<>();
    for (Map.Entry<String, Long> e : forgetAtById.entries()) {
      if (e.getValue() <= timestamp) {
        due.add(e.getKey());
      }
    }
    for (String id : due) {
      forgetAtById.remove(id);
    }
  }
}
