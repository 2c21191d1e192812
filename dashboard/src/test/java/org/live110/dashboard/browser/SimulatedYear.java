package org.live110.dashboard.browser;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Tier;
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
 * A realistic, seeded campaign state at one point of the year, in the stream job's output records:
 * a snapshot per county (each county with its own strength, so some lead and some lag), tier and
 * campaign-wide roll-ups that are exact sums of their counties, 24 hours of per-minute buckets with
 * a day/evening rhythm, live sessions (one titled with an HTML injection attempt) and dead letters.
 *
 * <p>Inputs: registry, targets, calendar, seed and the campaign clock. Outputs: the records a
 * {@code ProgressView} is fed with. Deterministic for a seed.
 */
final class SimulatedYear {
  /** The campaign clock of the pictures: an autumn evening, when livestream sales peak. */
  static final Instant AS_OF =
      OffsetDateTime.of(2019, 9, 18, 20, 5, 0, 0, ZoneOffset.ofHours(8)).toInstant();

  /** A title a hostile or careless event source might send; the pages must show it as text. */
  static final String HOSTILE_TITLE = "<img src=x onerror=\"window.__xss=1\">花椒专场";

  static final String HOSTILE_SESSION_ID = "sess-hostile";

  private static final String[] PRODUCTS = {
    "花椒", "苦荞茶", "和田大枣", "草果", "牦牛肉干", "土豆", "黑山羊", "核桃", "蜂蜜", "香菇", "小米", "苹果"
  };
  private static final String[] HOOKS = {"产地直发", "助农专场", "限时秒杀", "整箱包邮", "源头好货", "新品首发"};

  private final CountyRegistry registry;
  private final TargetBook targets;
  private final CampaignCalendar calendar;
  private final Instant asOf;
  private final Instant emittedAt;
  private final long seed;
  private final Map<String, ScopeSnapshot> snapshots = new LinkedHashMap<>();

  /**
   * @param emittedAt the wall-clock time the records claim to have been emitted at: the dashboard's
   *     freshness (and the pages' stale warning) follows it
   */
  SimulatedYear(
      CountyRegistry registry,
      TargetBook targets,
      CampaignCalendar calendar,
      long seed,
      Instant asOf,
      Instant emittedAt) {
    this.registry = registry;
    this.emittedAt = emittedAt;
    this.targets = targets;
    this.calendar = calendar;
    this.seed = seed;
    this.asOf = asOf;
    build(1);
  }

  private void build(long versionBase) {
    Random random = new Random(seed);
    double elapsed = calendar.elapsedFraction(asOf);
    Map<String, Map<String, Long>> countyTotals = new LinkedHashMap<>();
    for (County c : registry.counties()) {
      // Strength spreads counties between clearly lagging and clearly leading.
      double strength = 0.45 + random.nextDouble() * 0.95;
      Map<Kpi, Long> own = targets.targetsOf(c.scope());
      Map<String, Long> totals = new LinkedHashMap<>();
      for (Kpi kpi : Kpi.all()) {
        long base = own.containsKey(kpi) ? own.get(kpi) : untargetedBase(kpi, c.tier());
        double noise = 0.8 + random.nextDouble() * 0.4;
        totals.put(kpi.key(), Math.round(base * elapsed * strength * noise));
      }
      totals.put(Kpi.ORDERS.key(), totals.get(Kpi.SALES_FEN.key()) / 5_200);
      countyTotals.put(c.code(), totals);
    }
    long version = versionBase;
    for (County c : registry.counties()) {
      snapshots.put(c.scope(), snapshot(c.scope(), version++, countyTotals.get(c.code()), random));
    }
    for (Tier tier : Tier.values()) {
      List<String> codes = registry.inTier(tier).stream().map(County::code).toList();
      snapshots.put(tier.scope(), rollUp(tier.scope(), codes, version++));
    }
    List<String> all = registry.counties().stream().map(County::code).toList();
    snapshots.put(Scopes.ALL, rollUp(Scopes.ALL, all, version));
  }

  private static long untargetedBase(Kpi kpi, Tier tier) {
    switch (kpi) {
      case EXPOSURE:
        return 4_000_000L;
      case SALES_FEN:
        return 2_000_000L;
      case SHOPS:
        return tier == Tier.CORE ? 6 : 2;
      case PRODUCTS:
        return tier == Tier.CORE ? 30 : 10;
      case LIVESTREAMS:
        return tier == Tier.CORE ? 900 : 160;
      case ORDERS:
        return 20_000L;
      default:
        return 1_000L;
    }
  }

  private ScopeSnapshot snapshot(String scope, long version, Map<String, Long> totals, Random r) {
    Map<String, Long> today = new LinkedHashMap<>();
    totals.forEach((k, v) -> today.put(k, v / 260));
    long sales = totals.get(Kpi.SALES_FEN.key());
    long refunded = sales / 50;
    return make(
        scope, version, totals, today, sales + refunded, refunded, sales * 2 / 5, r.nextInt(25));
  }

  private ScopeSnapshot rollUp(String scope, List<String> codes, long version) {
    Map<String, Long> totals = new LinkedHashMap<>();
    Map<String, Long> today = new LinkedHashMap<>();
    long gross = 0;
    long refunded = 0;
    long live = 0;
    long duplicates = 0;
    for (Kpi kpi : Kpi.all()) {
      totals.put(kpi.key(), 0L);
      today.put(kpi.key(), 0L);
    }
    for (String code : codes) {
      ScopeSnapshot s = snapshots.get(Scopes.county(code));
      s.totals().forEach((k, v) -> totals.merge(k, v, Long::sum));
      s.today().forEach((k, v) -> today.merge(k, v, Long::sum));
      gross += s.grossSalesFen();
      refunded += s.refundedFen();
      live += s.livestreamSalesFen();
      duplicates += s.duplicates();
    }
    return make(scope, version, totals, today, gross, refunded, live, duplicates);
  }

  private ScopeSnapshot make(
      String scope,
      long version,
      Map<String, Long> totals,
      Map<String, Long> today,
      long gross,
      long refunded,
      long live,
      long duplicates) {
    Map<String, Long> scopeTargets = new LinkedHashMap<>();
    Map<String, KpiProgress> progress = new LinkedHashMap<>();
    Map<Kpi, Long> own = new EnumMap<>(Kpi.class);
    own.putAll(targets.targetsOf(scope));
    own.forEach(
        (kpi, target) -> {
          scopeTargets.put(kpi.key(), target);
          progress.put(kpi.key(), calendar.progress(totals.get(kpi.key()), target, asOf));
        });
    return new ScopeSnapshot(
        scope,
        version,
        asOf,
        Map.copyOf(totals),
        gross,
        refunded,
        live,
        CampaignCalendar.dayOf(asOf).toString(),
        Map.copyOf(today),
        scopeTargets,
        progress,
        duplicates,
        emittedAt);
  }

  /** Every scope's snapshot: counties, then the tiers, then {@code all}. */
  List<ScopeSnapshot> snapshots() {
    return List.copyOf(snapshots.values());
  }

  ScopeSnapshot snapshot(String scope) {
    return snapshots.get(scope);
  }

  /**
   * A later state of one scope: {@code kpi} grown by {@code delta}, version above every version
   * handed out so far (so the view accepts it).
   */
  ScopeSnapshot grown(String scope, Kpi kpi, long delta, long version) {
    ScopeSnapshot s = snapshots.get(scope);
    Map<String, Long> totals = new LinkedHashMap<>(s.totals());
    totals.merge(kpi.key(), delta, Long::sum);
    ScopeSnapshot next =
        make(
            scope,
            version,
            totals,
            s.today(),
            s.grossSalesFen(),
            s.refundedFen(),
            s.livestreamSalesFen(),
            s.duplicates());
    snapshots.put(scope, next);
    return next;
  }

  /** Rejections by reason, as the job summarises them. */
  DeadLetterSummary deadLetters() {
    Map<String, Long> byReason = new LinkedHashMap<>();
    byReason.put("malformed_json", 812L);
    byReason.put("unknown_county", 433L);
    byReason.put("bad_value", 301L);
    byReason.put("missing_field", 190L);
    byReason.put("out_of_campaign", 99L);
    byReason.put("too_large", 38L);
    long total = byReason.values().stream().mapToLong(Long::longValue).sum();
    return new DeadLetterSummary(total, total, byReason, emittedAt);
  }

  /**
   * The last {@code minutes} minutes per scope for {@code all} and both tiers, and the last {@code
   * countyMinutes} for every county: quiet nights, a working day, the evening livestream peak.
   */
  List<MinuteBucket> buckets(int minutes, int countyMinutes) {
    Random random = new Random(seed + 1);
    List<MinuteBucket> out = new ArrayList<>();
    Instant newest = asOf.minusSeconds(asOf.getEpochSecond() % 60);
    List<County> counties = registry.counties();
    for (int i = minutes - 1; i >= 0; i--) {
      Instant minute = newest.minus(Duration.ofMinutes(i));
      double rhythm = rhythm(minute);
      long core = 0;
      long radiating = 0;
      long orders = 0;
      long viewers = 0;
      for (County c : counties) {
        long sales =
            Math.round(
                rhythm * (c.tier() == Tier.CORE ? 14_000 : 800) * (0.5 + random.nextDouble()));
        if (c.tier() == Tier.CORE) {
          core += sales;
        } else {
          radiating += sales;
        }
        long countyOrders = sales / 5_200;
        long countyViewers = Math.round(rhythm * 40 * random.nextDouble());
        orders += countyOrders;
        viewers += countyViewers;
        if (i < countyMinutes) {
          out.add(
              new MinuteBucket(
                  c.scope(), minute, 1, sales, countyOrders, sales * 3, sales / 2, countyViewers));
        }
      }
      out.add(
          bucket(
              Tier.CORE.scope(),
              minute,
              core,
              orders * core / Math.max(1, core + radiating),
              viewers / 2));
      out.add(
          bucket(
              Tier.RADIATING.scope(),
              minute,
              radiating,
              orders * radiating / Math.max(1, core + radiating),
              viewers / 2));
      out.add(bucket(Scopes.ALL, minute, core + radiating, orders, viewers));
    }
    return out;
  }

  private static MinuteBucket bucket(
      String scope, Instant minute, long sales, long orders, long viewers) {
    return new MinuteBucket(scope, minute, 1, sales, orders, sales * 3, sales / 2, viewers);
  }

  /** Activity by hour of the campaign day: low at night, busy by day, a peak 19:00-22:00. */
  private static double rhythm(Instant minute) {
    int hour = minute.atZone(CampaignCalendar.ZONE).getHour();
    double day = Math.max(0, Math.sin((hour - 7) / 16.0 * Math.PI));
    double evening = hour >= 19 && hour <= 22 ? 1.9 : 1.0;
    return 0.15 + day * evening;
  }

  /** {@code n} live sessions (the first one titled {@link #HOSTILE_TITLE}) and a few ended ones. */
  List<LiveSession> sessions(int n) {
    Random random = new Random(seed + 2);
    List<LiveSession> out = new ArrayList<>();
    List<County> counties = registry.counties();
    for (int i = 0; i < n; i++) {
      County c = counties.get(random.nextInt(counties.size()));
      Instant started = asOf.minus(Duration.ofMinutes(3 + random.nextInt(170)));
      long viewers = 150 + random.nextInt(9_000);
      // Every ninth session has sold nothing yet: the monitor's no-order alert.
      boolean selling = i % 9 != 4;
      long orders = selling ? viewers / (20 + random.nextInt(20)) : 0;
      String title =
          i == 0
              ? HOSTILE_TITLE
              : c.name().replace("县", "")
                  + PRODUCTS[i % PRODUCTS.length]
                  + " "
                  + HOOKS[i % HOOKS.length];
      out.add(
          new LiveSession(
              i == 0 ? HOSTILE_SESSION_ID : String.format("sess-%03d", i),
              c.code(),
              String.format("host-%03d", 100 + i),
              i % 3 == 0 ? "toutiao" : "douyin",
              title,
              LiveSession.LIVE,
              started,
              null,
              asOf.minusSeconds(random.nextInt(50)),
              viewers,
              viewers + random.nextInt(6_000),
              viewers * 3,
              viewers * (8 + random.nextInt(20)),
              orders,
              orders * (2_900 + random.nextInt(6_000)),
              5,
              emittedAt));
    }
    for (int i = 0; i < 5; i++) {
      County c = counties.get(random.nextInt(counties.size()));
      Instant started = asOf.minus(Duration.ofHours(5 + i));
      out.add(
          new LiveSession(
              String.format("sess-ended-%d", i),
              c.code(),
              String.format("host-%03d", 300 + i),
              "douyin",
              c.name() + PRODUCTS[i] + " 回放",
              LiveSession.ENDED,
              started,
              started.plus(Duration.ofMinutes(95)),
              started.plus(Duration.ofMinutes(95)),
              0,
              3_000 + i * 100L,
              9_000,
              40_000,
              120,
              480_000,
              9,
              emittedAt));
    }
    return out;
  }
}
