package org.live110.jobs.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
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
 * <p>A sweep removes only the ids due, found through an index by forget day kept beside the state
 * (in memory, not checkpointed): a scan of all of a county's ids at every sweep visited each id
 * about eight times over its retention (JFR: ~8 % of the job's samples in a replay). After a
 * restore the index is incomplete; the first sweep of each county rebuilds it with one scan.
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

  /** Per county, the ids held, by the time they are forgotten (see the class comment). */
  private final Map<String, ForgetIndex> indexes = new HashMap<>();

  /**
   * The last forget time stored, boxed once: every id held carries its forget time as the state's
   * value, and the ids of a day share it. A box per id was 16 of the ~120 bytes each new id keeps
   * on the heap — bytes the collector copies out of the young generation while the state grows.
   */
  private Long lastForgetAt = Long.MIN_VALUE;

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
    long due = forgetAt(r.eventTime, retentionMillis);
    if (lastForgetAt != due) {
      lastForgetAt = due;
    }
    Long at = lastForgetAt;
    forgetAtById.put(r.eventId, at);
    indexes.computeIfAbsent(r.countyCode, c -> new ForgetIndex()).add(at, r.eventId);
    sweepTimer.register(r.countyCode, at, timers);
    return Verdict.NEW;
  }

  /** Forgets every id of {@code county} (the current key) whose time has come. */
  void sweep(String county, long timestamp) throws Exception {
    ForgetIndex index = indexes.computeIfAbsent(county, c -> new ForgetIndex());
    if (!index.complete) {
      // The first sweep since this instance started: the state may hold ids the index never saw.
      index.byTime.clear();
      for (Map.Entry<String, Long> e : forgetAtById.entries()) {
        index.add(e.getValue(), e.getKey());
      }
      index.complete = true;
    }
    NavigableMap<Long, List<String>> due = index.byTime.headMap(timestamp, true);
    for (List<String> ids : due.values()) {
      for (String id : ids) {
        forgetAtById.remove(id);
      }
    }
    due.clear();
  }

  /** One county's held ids by forget time; complete once rebuilt from the state. */
  private static final class ForgetIndex {
    final TreeMap<Long, List<String>> byTime = new TreeMap<>();
    boolean complete;

    void add(Long forgetAt, String id) {
      byTime.computeIfAbsent(forgetAt, t -> new ArrayList<>()).add(id);
    }
  }
}
