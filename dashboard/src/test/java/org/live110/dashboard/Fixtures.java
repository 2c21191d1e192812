package org.live110.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.Kpi;
import org.live110.model.TestRegistries;
import org.live110.model.output.LiveSession;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;

/** Shared fixtures of the dashboard tests: the contract's three example counties and records. */
public final class Fixtures {
  private Fixtures() {}

  public static final CountyRegistry REGISTRY = TestRegistries.examples();
  public static final TargetBook TARGETS = TargetBook.plan(REGISTRY);
  public static final CampaignCalendar CALENDAR = CampaignCalendar.defaultYear();

  public static final String CORE_COUNTY = "622921";
  public static final String RADIATING_COUNTY = "513431";

  /** The contract's example campaign clock: 2019-06-18 20:05 +08:00. */
  public static final Instant AS_OF = OffsetDateTime.parse("2019-06-18T20:05:00+08:00").toInstant();

  /** Wall clock of the tests: the job emitted its records at this instant. */
  public static final Instant EMITTED = Instant.parse("2026-01-10T08:00:00Z");

  /** A clock the test moves by hand. */
  public static final class MutableClock extends Clock {
    private volatile Instant now;

    public MutableClock(Instant now) {
      this.now = now;
    }

    public void set(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  public static ProgressView view(Clock clock) {
    return new ProgressView(REGISTRY, clock);
  }

  /** Totals with every KPI set to {@code base} except salesFen = base * 100. */
  public static Map<String, Long> totals(long base) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Kpi k : Kpi.all()) {
      m.put(k.key(), k == Kpi.SALES_FEN ? base * 100 : base);
    }
    return m;
  }

  public static ScopeSnapshot snapshot(String scope, long version, long base) {
    return snapshot(scope, version, base, AS_OF);
  }

  public static ScopeSnapshot snapshot(String scope, long version, long base, Instant asOf) {
    Map<String, Long> totals = totals(base);
    long sales = totals.get(Kpi.SALES_FEN.key());
    return new ScopeSnapshot(
        scope,
        version,
        asOf,
        totals,
        sales,
        0L,
        sales / 2,
        CampaignCalendar.dayOf(asOf).toString(),
        totals(1),
        Map.of(),
        Map.of(),
        0L,
        EMITTED);
  }

  public static MinuteBucket bucket(String scope, Instant minute, long version, long salesFen) {
    return new MinuteBucket(scope, minute, version, salesFen, 1, 2, 3, 4);
  }

  public static LiveSession session(String id, String status, long version, String title) {
    Instant start = AS_OF.minusSeconds(3600);
    return new LiveSession(
        id,
        CORE_COUNTY,
        "host-1",
        "douyin",
        title,
        status,
        start,
        LiveSession.LIVE.equals(status) ? null : AS_OF,
        AS_OF,
        120,
        300,
        500,
        42,
        7,
        12_345,
        version,
        EMITTED);
  }
}
