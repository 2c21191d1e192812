package org.live110.dashboard;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Objects;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;

/**
 * Everything {@link DashboardApp#create} builds a server from. Tests pass a {@link ProgressView}
 * they feed directly and a fixed {@link Clock}; production passes the view the Kafka follower
 * feeds.
 *
 * @param meterRegistry where the dashboard's metrics live; {@code /metrics} scrapes it
 */
public record DashboardDeps(
    DashboardConfig config,
    CountyRegistry registry,
    TargetBook targets,
    CampaignCalendar calendar,
    ProgressView view,
    SimulatorControl simulator,
    PrometheusMeterRegistry meterRegistry,
    Clock clock) {

  public DashboardDeps {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(simulator, "simulator");
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    Objects.requireNonNull(clock, "clock");
  }

  /** Deps with a fresh Prometheus registry. */
  public static DashboardDeps of(
      DashboardConfig config,
      CountyRegistry registry,
      TargetBook targets,
      CampaignCalendar calendar,
      ProgressView view,
      SimulatorControl simulator,
      Clock clock) {
    return new DashboardDeps(
        config,
        registry,
        targets,
        calendar,
        view,
        simulator,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        clock);
  }
}
