package org.live110.dashboard.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.live110.model.Scopes;
import org.live110.model.Tier;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.LiveSession;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.registry.CountyRegistry;

/**
 * The dashboard's in-memory picture of the campaign, rebuilt from the job's output topics and fed
 * record by record (by {@code ProgressFollower}, or directly by tests). Thread-safe.
 *
 * <p>Inputs: {@link ScopeSnapshot}, {@link DeadLetterSummary}, {@link MinuteBucket}, {@link
 * LiveSession}. Each {@code apply} keeps a record only when it replaces what is held by the model's
 * rules (a snapshot that {@link ScopeSnapshot#supersedes supersedes}, a higher version otherwise),
 * so a replayed or re-sent older state never moves a figure backwards. Outputs: read accessors that
 * return immutable copies, and {@link ViewListener} callbacks naming what changed.
 *
 * <p>Freshness: {@link #lastUpdate()} is the wall-clock time of the newest accepted update (see
 * {@code touch}); {@link #lastUpdateAge()} measures it with the injected clock.
 *
 * <p>Memory is bounded: one snapshot per known scope (registry counties + 3), at most {@link
 * #SERIES_MINUTES} buckets per scope, {@code maxLiveSessions} live and {@code maxEndedSessions}
 * ended sessions, and a bounded memory of evicted session versions.
 */
public final class ProgressView {
  /** Minutes of trend kept per scope, ending at the scope's newest bucket. */
  public static final int SERIES_MINUTES = 1440;

  public static final int DEFAULT_MAX_LIVE_SESSIONS = 5_000;
  public static final int DEFAULT_MAX_ENDED_SESSIONS = 500;

  private static final Duration SERIES_WINDOW = Duration.ofMinutes(SERIES_MINUTES);

  private final CountyRegistry registry;
  private final Clock clock;
  private final int maxLiveSessions;
  private final int maxEndedSessions;
  private final int maxEvictedRemembered;

  private final Map<String, ScopeSnapshot> scopes = new ConcurrentHashMap<>();
  private volatile DeadLetterSummary deadLetters;
  private volatile Instant asOf;
  private volatile Instant lastUpdate;
  private volatile long consumerLag;
  private volatile boolean replaying;

  // Guarded by seriesLock.
  private final Map<String, NavigableMap<Instant, MinuteBucket>> series = new HashMap<>();
  private final Object seriesLock = new Object();

  // Guarded by sessionLock. Ended sessions in the order they ended (as seen), eldest evicted first.
  private final Map<String, LiveSession> liveSessions = new HashMap<>();
  private final LinkedHashMap<String, LiveSession> endedSessions = new LinkedHashMap<>();
  private final LinkedHashMap<String, Long> evictedSessionVersions = new LinkedHashMap<>();
  private final Object sessionLock = new Object();

  private final Map<String, AtomicLong> badRecords = new ConcurrentHashMap<>();
  private final List<ViewListener> listeners = new CopyOnWriteArrayList<>();

  public ProgressView(CountyRegistry registry, Clock clock) {
    this(registry, clock, DEFAULT_MAX_LIVE_SESSIONS, DEFAULT_MAX_ENDED_SESSIONS);
  }

  public ProgressView(
      CountyRegistry registry, Clock clock, int maxLiveSessions, int maxEndedSessions) {
    if (maxLiveSessions < 1 || maxEndedSessions < 0) {
      throw new IllegalArgumentException("session bounds must be positive");
    }
    this.registry = registry;
    this.clock = clock;
    this.maxLiveSessions = maxLiveSessions;
    this.maxEndedSessions = maxEndedSessions;
    this.maxEvictedRemembered = Math.max(1_000, 4 * (maxLiveSessions + maxEndedSessions));
  }

  public void addListener(ViewListener listener) {
    listeners.add(listener);
  }

  public void removeListener(ViewListener listener) {
    listeners.remove(listener);
  }

  /** Whether a scope name is one this view serves: all, a tier or a registry county. */
  public boolean isKnownScope(String scope) {
    if (scope == null) {
      return false;
    }
    if (Scopes.ALL.equals(scope)) {
      return true;
    }
    if (scope.startsWith(Scopes.TIER_PREFIX)) {
      return Tier.byKey(scope.substring(Scopes.TIER_PREFIX.length())).isPresent();
    }
    return Scopes.isCounty(scope) && registry.contains(Scopes.countyCode(scope));
  }

  /**
   * Keeps the snapshot if it supersedes the one held for its scope.
   *
   * @return whether the view changed
   */
  public boolean apply(ScopeSnapshot snapshot) {
    if (!isKnownScope(snapshot.scope())) {
      countBadRecord("unknown_scope");
      return false;
    }
    synchronized (this) {
      if (!snapshot.supersedes(scopes.get(snapshot.scope()))) {
        return false;
      }
      scopes.put(snapshot.scope(), snapshot);
      if (snapshot.asOf() != null && (asOf == null || snapshot.asOf().isAfter(asOf))) {
        asOf = snapshot.asOf();
      }
      touch(snapshot.emittedAt());
    }
    for (ViewListener l : listeners) {
      l.scopeChanged(snapshot.scope());
    }
    return true;
  }

  /** Keeps the summary if its version is higher. */
  public boolean apply(DeadLetterSummary summary) {
    synchronized (this) {
      if (!summary.supersedes(deadLetters)) {
        return false;
      }
      deadLetters = summary;
      touch(summary.emittedAt());
    }
    for (ViewListener l : listeners) {
      l.deadLettersChanged();
    }
    return true;
  }

  /**
   * Keeps the bucket if its version is higher than the one held for its minute and it lies within
   * the last {@link #SERIES_MINUTES} minutes of its scope; older buckets are evicted.
   */
  public boolean apply(MinuteBucket bucket) {
    if (!isKnownScope(bucket.scope()) || bucket.minute() == null) {
      countBadRecord("unknown_scope");
      return false;
    }
    synchronized (seriesLock) {
      NavigableMap<Instant, MinuteBucket> buckets =
          series.computeIfAbsent(bucket.scope(), s -> new TreeMap<>());
      if (!buckets.isEmpty()) {
        Instant newest = buckets.lastKey();
        if (!bucket.minute().isAfter(newest.minus(SERIES_WINDOW))) {
          return false; // outside the window: it would be evicted at once
        }
      }
      MinuteBucket current = buckets.get(bucket.minute());
      if (current != null && bucket.version() <= current.version()) {
        return false;
      }
      buckets.put(bucket.minute(), bucket);
      Instant floor = buckets.lastKey().minus(SERIES_WINDOW);
      buckets.headMap(floor, true).clear();
    }
    for (ViewListener l : listeners) {
      l.bucketChanged(bucket.scope(), bucket.minute());
    }
    return true;
  }

  /** Keeps the session if its version is higher than the one held (or last evicted). */
  public boolean apply(LiveSession session) {
    if (session.sessionId() == null) {
      countBadRecord("missing_session_id");
      return false;
    }
    String id = session.sessionId();
    synchronized (sessionLock) {
      LiveSession current = liveSessions.get(id);
      if (current == null) {
        current = endedSessions.get(id);
      }
      long heldVersion =
          current != null ? current.version() : evictedSessionVersions.getOrDefault(id, -1L);
      if (session.version() <= heldVersion) {
        return false;
      }
      evictedSessionVersions.remove(id);
      liveSessions.remove(id);
      endedSessions.remove(id);
      if (session.isLive()) {
        liveSessions.put(id, session);
        evictOldestLiveBeyondBound();
      } else {
        endedSessions.put(id, session);
        evictEndedBeyondBound();
      }
      touch(session.emittedAt());
    }
    for (ViewListener l : listeners) {
      l.sessionChanged(id);
    }
    return true;
  }

  private void evictOldestLiveBeyondBound() {
    while (liveSessions.size() > maxLiveSessions) {
      // A session silent for longest is most likely dead; the job would time it out anyway.
      LiveSession oldest =
          liveSessions.values().stream()
              .min(Comparator.comparing(ProgressView::lastSeen))
              .orElseThrow();
      liveSessions.remove(oldest.sessionId());
      rememberEvicted(oldest);
    }
  }

  private void evictEndedBeyondBound() {
    Iterator<LiveSession> it = endedSessions.values().iterator();
    while (endedSessions.size() > maxEndedSessions && it.hasNext()) {
      LiveSession eldest = it.next();
      it.remove();
      rememberEvicted(eldest);
    }
  }

  private void rememberEvicted(LiveSession s) {
    // Remembering the version keeps a re-sent older state from bringing an evicted session back.
    evictedSessionVersions.put(s.sessionId(), s.version());
    Iterator<String> it = evictedSessionVersions.keySet().iterator();
    while (evictedSessionVersions.size() > maxEvictedRemembered && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private static Instant lastSeen(LiveSession s) {
    if (s.lastEventAt() != null) {
      return s.lastEventAt();
    }
    return s.startedAt() != null ? s.startedAt() : Instant.EPOCH;
  }

  /**
   * When the newest update happened. A record that arrives live counts at its arrival (immune to
   * skew between the job's clock and ours); while replaying the topics after a start, a record
   * counts at the job's emit time (never later than now), so old data re-read at start does not
   * pass for fresh.
   */
  private void touch(Instant emittedAt) {
    Instant now = clock.instant();
    Instant t = !replaying || emittedAt == null || emittedAt.isAfter(now) ? now : emittedAt;
    if (lastUpdate == null || t.isAfter(lastUpdate)) {
      lastUpdate = t;
    }
  }

  // ---- reads ----

  public Optional<ScopeSnapshot> snapshot(String scope) {
    return Optional.ofNullable(scopes.get(scope));
  }

  /** A copy of every held snapshot by scope. */
  public Map<String, ScopeSnapshot> snapshots() {
    return Map.copyOf(scopes);
  }

  /** The held dead-letter summary, or null before any. */
  public DeadLetterSummary deadLetters() {
    return deadLetters;
  }

  /** The campaign clock: the newest {@code asOf} of any held snapshot, or null before any. */
  public Instant asOf() {
    return asOf;
  }

  /** Wall-clock time of the newest update (see class doc), or null before any. */
  public Instant lastUpdate() {
    return lastUpdate;
  }

  /** Age of the newest update at the view's clock, or null before any update. */
  public Duration lastUpdateAge() {
    Instant t = lastUpdate;
    if (t == null) {
      return null;
    }
    Duration age = Duration.between(t, clock.instant());
    return age.isNegative() ? Duration.ZERO : age;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * The last {@code minutes} buckets of a scope, ascending, ending at its newest bucket.
   *
   * @param minutes 1..{@link #SERIES_MINUTES}
   */
  public List<MinuteBucket> series(String scope, int minutes) {
    synchronized (seriesLock) {
      NavigableMap<Instant, MinuteBucket> buckets = series.get(scope);
      if (buckets == null || buckets.isEmpty()) {
        return List.of();
      }
      Instant from = buckets.lastKey().minus(Duration.ofMinutes(minutes));
      return List.copyOf(buckets.tailMap(from, false).values());
    }
  }

  /** The held bucket of a scope's minute, if any. */
  public Optional<MinuteBucket> bucket(String scope, Instant minute) {
    synchronized (seriesLock) {
      NavigableMap<Instant, MinuteBucket> buckets = series.get(scope);
      return Optional.ofNullable(buckets == null ? null : buckets.get(minute));
    }
  }

  /** A held session by id. */
  public Optional<LiveSession> session(String sessionId) {
    synchronized (sessionLock) {
      LiveSession s = liveSessions.get(sessionId);
      return Optional.ofNullable(s != null ? s : endedSessions.get(sessionId));
    }
  }

  /**
   * Sessions, live first (newest start first), then ended ones (newest end first) unless {@code
   * liveOnly}; at most {@code limit}.
   */
  public List<LiveSession> sessions(boolean liveOnly, int limit) {
    List<LiveSession> live;
    List<LiveSession> ended;
    synchronized (sessionLock) {
      live = new ArrayList<>(liveSessions.values());
      ended = liveOnly ? List.of() : new ArrayList<>(endedSessions.values());
    }
    live.sort(
        Comparator.comparing(ProgressView::startOf)
            .reversed()
            .thenComparing(LiveSession::sessionId));
    List<LiveSession> out = new ArrayList<>(live);
    if (!liveOnly) {
      ended.sort(
          Comparator.comparing(ProgressView::endOf)
              .reversed()
              .thenComparing(LiveSession::sessionId));
      out.addAll(ended);
    }
    return List.copyOf(out.size() > limit ? out.subList(0, limit) : out);
  }

  private static Instant startOf(LiveSession s) {
    return s.startedAt() != null ? s.startedAt() : Instant.EPOCH;
  }

  private static Instant endOf(LiveSession s) {
    return s.endedAt() != null ? s.endedAt() : lastSeen(s);
  }

  public int liveSessionCount() {
    synchronized (sessionLock) {
      return liveSessions.size();
    }
  }

  public int endedSessionCount() {
    synchronized (sessionLock) {
      return endedSessions.size();
    }
  }

  // ---- follower status ----

  /** Records the follower's lag (records behind the end of its topics). */
  public void updateConsumerLag(long records) {
    consumerLag = Math.max(0, records);
  }

  public long consumerLag() {
    return consumerLag;
  }

  /** Set while the follower is re-reading its topics from the beginning after a start. */
  public void setReplaying(boolean replaying) {
    this.replaying = replaying;
  }

  public boolean replaying() {
    return replaying;
  }

  /** Counts a record that could not be used (bad JSON, unknown scope, ...) by reason. */
  public void countBadRecord(String reason) {
    badRecords.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
  }

  /** Bad records counted so far, by reason. */
  public Map<String, Long> badRecords() {
    Map<String, Long> out = new TreeMap<>();
    badRecords.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
