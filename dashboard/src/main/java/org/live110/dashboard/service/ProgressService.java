package org.live110.dashboard.service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Tier;
import org.live110.model.codec.RejectReason;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.LiveSession;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.KpiProgress;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;

/**
 * Turns the {@link ProgressView} into the contract's shapes ({@link ApiJson}). Knows nothing of
 * HTTP. Every scope's progress is computed at one clock — the view's global {@code asOf} — so all
 * scopes agree on where the year stands; scopes without data are zeros with their targets.
 */
public final class ProgressService {
  /** The most sessions an answer holds. */
  public static final int MAX_SESSIONS = 500;

  /** The scopes whose series the SSE snapshot carries. */
  public static final List<String> AGGREGATE_SCOPES =
      List.of(Scopes.ALL, Tier.CORE.scope(), Tier.RADIATING.scope());

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final CountyRegistry registry;
  private final TargetBook targets;
  private final CampaignCalendar calendar;
  private final ProgressView view;
  private final Duration staleAfter;
  private final List<String> allScopes;

  public ProgressService(
      CountyRegistry registry,
      TargetBook targets,
      CampaignCalendar calendar,
      ProgressView view,
      Duration staleAfter) {
    this.registry = registry;
    this.targets = targets;
    this.calendar = calendar;
    this.view = view;
    this.staleAfter = staleAfter;
    List<String> scopes = new ArrayList<>(AGGREGATE_SCOPES);
    for (County c : registry.counties()) {
      scopes.add(c.scope());
    }
    this.allScopes = List.copyOf(scopes);
  }

  /** Every scope in answer order: all, the tiers, then counties in registry order. */
  public List<String> scopes() {
    return allScopes;
  }

  /** An instant on the campaign clock as ISO-8601 at +08:00, or null. */
  public static String iso(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, CampaignCalendar.ZONE).format(ISO);
  }

  public ApiJson.ProgressResponse progress() {
    Instant asOf = view.asOf();
    return new ApiJson.ProgressResponse(
        iso(asOf), scopeMap(allScopes, asOf), deadLetters(), iso(view.lastUpdate()), stale());
  }

  /** The SSE delta for the given changed scopes. */
  public ApiJson.ProgressDelta progressDelta(Collection<String> changedScopes) {
    Instant asOf = view.asOf();
    return new ApiJson.ProgressDelta(
        iso(asOf), scopeMap(changedScopes, asOf), deadLetters(), iso(view.lastUpdate()), stale());
  }

  /** The SSE snapshot with the series of the aggregate scopes (a stream without a subscription). */
  public ApiJson.StreamSnapshot streamSnapshot() {
    return streamSnapshot(AGGREGATE_SCOPES);
  }

  /**
   * The SSE snapshot: every scope's progress, the live sessions, and the last day of series points
   * (≤ {@link ProgressView#SERIES_MINUTES}) of each of {@code seriesScopes}, in that order.
   */
  public ApiJson.StreamSnapshot streamSnapshot(List<String> seriesScopes) {
    Instant asOf = view.asOf();
    Map<String, List<ApiJson.Point>> series = new LinkedHashMap<>();
    for (String scope : seriesScopes) {
      series.put(scope, points(view.series(scope, ProgressView.SERIES_MINUTES)));
    }
    return new ApiJson.StreamSnapshot(
        iso(asOf),
        scopeMap(allScopes, asOf),
        deadLetters(),
        iso(view.lastUpdate()),
        stale(),
        sessions(true),
        series);
  }

  private Map<String, ApiJson.Scope> scopeMap(Collection<String> scopes, Instant asOf) {
    Map<String, ApiJson.Scope> out = new LinkedHashMap<>();
    for (String scope : scopes) {
      out.put(scope, scope(scope, asOf));
    }
    return out;
  }

  /** One scope at the given campaign clock (null: before any data). */
  public ApiJson.Scope scope(String scope, Instant asOf) {
    Optional<ScopeSnapshot> held = view.snapshot(scope);
    Instant clock = asOf != null ? asOf : calendar.start();
    String currentDay = CampaignCalendar.dayOf(clock).toString();
    Map<Kpi, Long> scopeTargets = targets.targetsOf(scope);

    Map<String, Long> totals = new LinkedHashMap<>();
    Map<String, Long> today = new LinkedHashMap<>();
    Map<String, Long> targetMap = new LinkedHashMap<>();
    Map<String, ApiJson.Progress> progress = new LinkedHashMap<>();
    ScopeSnapshot s = held.orElse(null);
    // A scope with no event today still holds yesterday's "today": it does not count for today.
    boolean todayIsCurrent = s != null && currentDay.equals(s.day());
    for (Kpi kpi : Kpi.all()) {
      long value = s == null ? 0L : s.total(kpi);
      totals.put(kpi.key(), value);
      today.put(
          kpi.key(),
          todayIsCurrent && s.today() != null ? s.today().getOrDefault(kpi.key(), 0L) : 0L);
      Long target = scopeTargets.get(kpi);
      if (target != null) {
        targetMap.put(kpi.key(), target);
        progress.put(kpi.key(), progressOf(calendar.progress(value, target, clock)));
      }
    }
    return new ApiJson.Scope(
        s == null ? 0L : s.version(),
        totals,
        targetMap,
        progress,
        today,
        currentDay,
        s == null ? 0L : s.livestreamSalesFen(),
        s == null ? 0L : s.duplicates());
  }

  private static ApiJson.Progress progressOf(KpiProgress p) {
    return new ApiJson.Progress(
        p.value(),
        p.target(),
        p.progress(),
        p.expected(),
        p.pace() == null ? null : p.pace().key(),
        p.projection(),
        p.dailyRateNeeded());
  }

  public ApiJson.DeadLetters deadLetters() {
    DeadLetterSummary d = view.deadLetters();
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (RejectReason r : RejectReason.values()) {
      byReason.put(r.code(), 0L);
    }
    if (d == null) {
      return new ApiJson.DeadLetters(0L, byReason);
    }
    if (d.byReason() != null) {
      byReason.putAll(d.byReason());
    }
    return new ApiJson.DeadLetters(d.total(), byReason);
  }

  /** Whether no update came within staleAfter (also true before any update). */
  public boolean stale() {
    Duration age = view.lastUpdateAge();
    return age == null || age.compareTo(staleAfter) > 0;
  }

  public ApiJson.Health health() {
    Duration age = view.lastUpdateAge();
    return new ApiJson.Health(
        "ok", !stale(), age == null ? null : age.toSeconds(), iso(view.asOf()), view.replaying());
  }

  public List<ApiJson.County> counties() {
    List<ApiJson.County> out = new ArrayList<>();
    for (County c : registry.counties()) {
      out.add(
          new ApiJson.County(
              c.code(), c.name(), c.province(), c.prefecture(), c.tier().key(), c.lon(), c.lat()));
    }
    return out;
  }

  public boolean isKnownCounty(String code) {
    return code != null && registry.contains(code);
  }

  public boolean isKnownScope(String scope) {
    return view.isKnownScope(scope);
  }

  /** The last {@code minutes} (clamped to 1..1440) points of a scope, ascending. */
  public ApiJson.Series series(String scope, int minutes) {
    int clamped = Math.max(1, Math.min(ProgressView.SERIES_MINUTES, minutes));
    return new ApiJson.Series(scope, points(view.series(scope, clamped)));
  }

  public static List<ApiJson.Point> points(List<MinuteBucket> buckets) {
    List<ApiJson.Point> out = new ArrayList<>(buckets.size());
    for (MinuteBucket b : buckets) {
      out.add(point(b));
    }
    return out;
  }

  public static ApiJson.Point point(MinuteBucket b) {
    return new ApiJson.Point(
        iso(b.minute()), b.salesFen(), b.orders(), b.exposure(), b.reads(), b.newViewers());
  }

  /** Sessions, live first then (unless liveOnly) ended, at most {@link #MAX_SESSIONS}. */
  public List<ApiJson.Session> sessions(boolean liveOnly) {
    List<ApiJson.Session> out = new ArrayList<>();
    for (LiveSession s : view.sessions(liveOnly, MAX_SESSIONS)) {
      out.add(session(s));
    }
    return out;
  }

  public ApiJson.Session session(LiveSession s) {
    String countyName =
        s.countyCode() == null
            ? null
            : registry.find(s.countyCode()).map(County::name).orElse(null);
    Instant until = s.endedAt() != null ? s.endedAt() : s.lastEventAt();
    long duration =
        s.startedAt() == null || until == null
            ? 0L
            : Math.max(0L, Duration.between(s.startedAt(), until).toSeconds());
    return new ApiJson.Session(
        s.sessionId(),
        s.countyCode(),
        countyName,
        s.hostId(),
        s.platform(),
        s.title(),
        s.status(),
        iso(s.startedAt()),
        iso(s.endedAt()),
        iso(s.lastEventAt()),
        duration,
        s.viewersOnline(),
        s.peakViewers(),
        s.newViewers(),
        s.likes(),
        s.orders(),
        s.salesFen(),
        s.version());
  }
}
