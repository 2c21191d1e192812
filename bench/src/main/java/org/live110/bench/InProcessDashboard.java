package org.live110.bench;

import org.live110.dashboard.DashboardConfig;
import org.live110.dashboard.DashboardServer;
import org.live110.dashboard.SimulatorControl;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;

/**
 * The real dashboard ({@link DashboardServer#start}: HTTP server plus its Kafka follower) in the
 * current JVM, on a free port, with the default settings except the SSE connection caps, which are
 * raised to the number of clients the bench opens from its one address.
 */
public final class InProcessDashboard implements RunningDashboard {
  private final DashboardServer server;

  private InProcessDashboard(DashboardServer server) {
    this.server = server;
  }

  /** A starter of in-process dashboards for the bundled registry and the plan's targets. */
  public static RunningDashboard.Starter starter() {
    return (bootstrap, topics, maxClients) -> {
      CountyRegistry registry = CountyRegistry.sample();
      DashboardConfig config =
          DashboardConfig.builder()
              .port(0)
              .bootstrapServers(bootstrap)
              .topics(topics)
              .sseMaxClientsPerAddress(Math.max(maxClients, 1))
              .sseMaxClients(Math.max(maxClients, DashboardConfig.DEFAULT_SSE_MAX_CLIENTS))
              .build();
      return new InProcessDashboard(
          DashboardServer.start(
              config,
              registry,
              TargetBook.plan(registry),
              CampaignCalendar.defaultYear(),
              SimulatorControl.unavailable()));
    };
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
