package org.live110.bench;

import io.javalin.Javalin;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.live110.dashboard.DashboardApp;
import org.live110.dashboard.DashboardConfig;
import org.live110.dashboard.DashboardDeps;
import org.live110.dashboard.SimulatorControl;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Tier;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;

/**
 * The real dashboard app (HTTP, SSE hub) fed without Kafka or a job: every {@value #PERIOD_MILLIS}
 * ms every scope of the bundled registry (113) gets a new snapshot, so every tick's {@code
 * progress} frame holds all scopes — the heaviest progress stream there is. It measures the SSE
 * fan-out alone, with the CPU the live phase spends on the job, the broker and the dashboard's
 * Kafka follower left out.
 */
public final class SyntheticDashboard implements RunningDashboard {
  static final long PERIOD_MILLIS = 100;

  private final Javalin app;
  private final ScheduledExecutorService feeder;

  private SyntheticDashboard(Javalin app, ScheduledExecutorService feeder) {
    this.app = app;
    this.feeder = feeder;
  }

  /** Starts serving on a free port and feeding. */
  public static SyntheticDashboard start(int maxClients) {
    CountyRegistry registry = CountyRegistry.sample();
    Clock clock = Clock.systemUTC();
    ProgressView view = new ProgressView(registry, clock);
    DashboardConfig config =
        DashboardConfig.builder()
            .port(0)
            .sseMaxClientsPerAddress(Math.max(maxClients, 1))
            .sseMaxClients(Math.max(maxClients, DashboardConfig.DEFAULT_SSE_MAX_CLIENTS))
            .build();
    DashboardDeps deps =
        DashboardDeps.of(
            config,
            registry,
            TargetBook.plan(registry),
            CampaignCalendar.defaultYear(),
            view,
            SimulatorControl.unavailable(),
            clock);
    Javalin app = DashboardApp.create(deps).start(0);
    List<String> scopes =
        new ArrayList<>(List.of(Scopes.ALL, Tier.CORE.scope(), Tier.RADIATING.scope()));
    for (County c : registry.counties()) {
      scopes.add(c.scope());
    }
    ScheduledExecutorService feeder =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "synthetic-feed");
              t.setDaemon(true);
              return t;
            });
    Instant start = CampaignCalendar.defaultYear().start();
    long[] version = {0};
    feeder.scheduleAtFixedRate(
        () -> {
          long v = ++version[0];
          // one campaign minute per update
          Instant asOf = start.plusSeconds(60 * v);
          for (String scope : scopes) {
            view.apply(snapshot(scope, v, asOf));
          }
        },
        0,
        PERIOD_MILLIS,
        TimeUnit.MILLISECONDS);
    return new SyntheticDashboard(app, feeder);
  }

  private static ScopeSnapshot snapshot(String scope, long v, Instant asOf) {
    Map<String, Long> totals = new LinkedHashMap<>();
    Map<String, Long> today = new LinkedHashMap<>();
    long i = 0;
    for (Kpi k : Kpi.all()) {
      totals.put(k.key(), v * 1_000 + i);
      today.put(k.key(), v + i++);
    }
    return new ScopeSnapshot(
        scope,
        v,
        asOf,
        totals,
        v * 100,
        0L,
        v * 50,
        CampaignCalendar.dayOf(asOf).toString(),
        today,
        Map.of(),
        Map.of(),
        0L,
        Instant.now());
  }

  @Override
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    feeder.shutdownNow();
    app.stop();
  }
}
