package org.live110.dashboard;

import io.javalin.Javalin;
import java.net.BindException;
import java.time.Clock;
import org.live110.dashboard.kafka.ProgressFollower;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dashboard: the HTTP server plus the Kafka follower feeding its view. The one entry
 * point for running it in-process (the launcher) and for {@link DashboardMain}. Close it to stop
 * both.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  private final Javalin app;
  private final ProgressFollower follower;
  private final DashboardDeps deps;

  private DashboardServer(Javalin app, ProgressFollower follower, DashboardDeps deps) {
    this.app = app;
    this.follower = follower;
    this.deps = deps;
  }

  /**
   * Starts the HTTP server on {@code config.port()} and then the follower of {@code
   * config.topics()} at {@code config.bootstrapServers()}.
   *
   * @throws DashboardStartException with a one-line message when it cannot start (port in use)
   */
  public static DashboardServer start(
      DashboardConfig config,
      CountyRegistry registry,
      TargetBook targets,
      CampaignCalendar calendar,
      SimulatorControl simulator) {
    return start(config, registry, targets, calendar, simulator, Clock.systemUTC());
  }

  public static DashboardServer start(
      DashboardConfig config,
      CountyRegistry registry,
      TargetBook targets,
      CampaignCalendar calendar,
      SimulatorControl simulator,
      Clock clock) {
    ProgressView view = new ProgressView(registry, clock);
    DashboardDeps deps =
        DashboardDeps.of(config, registry, targets, calendar, view, simulator, clock);
    Javalin app = DashboardApp.create(deps);
    try {
      if (config.host() != null) {
        app.start(config.host(), config.port());
      } else {
        app.start(config.port());
      }
    } catch (RuntimeException e) {
      stopQuietly(app);
      if (causedByBind(e)) {
        throw new DashboardStartException(
            "dashboard port "
                + config.port()
                + " is already in use; choose another with --port (or stop what holds it)",
            e);
      }
      throw new DashboardStartException("dashboard could not start: " + e.getMessage(), e);
    }
    ProgressFollower follower =
        new ProgressFollower(config.bootstrapServers(), config.topics(), view).start();
    LOG.info(
        "dashboard on http://localhost:{}/ following {} at {}",
        app.port(),
        config.topics().progress(),
        config.bootstrapServers());
    return new DashboardServer(app, follower, deps);
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }

  private static void stopQuietly(Javalin app) {
    try {
      app.stop();
    } catch (RuntimeException ignored) {
      // Already failed to start; the start error is the one to report.
    }
  }

  /** The port the server listens on (the real one when configured as 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://localhost:<port>}. */
  public String url() {
    return "http://localhost:" + port();
  }

  public ProgressView view() {
    return deps.view();
  }

  public DashboardDeps deps() {
    return deps;
  }

  /** Stops the follower and the server (SSE clients are released first). */
  @Override
  public void close() {
    follower.close();
    app.stop();
  }
}
