package org.live110.dashboard;

import io.javalin.Javalin;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import org.live110.dashboard.kafka.ProgressFollower;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;
import org.live110.model.startup.KafkaReachability;
import org.live110.model.startup.PortCheck;
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
   * Checks that {@code config.port()} is free and that Kafka answers at {@code
   * config.bootstrapServers()}, rebuilds the view with the follower of {@code config.topics()}
   * (bounded), then starts the HTTP server.
   *
   * @throws DashboardStartException with a one-line message when it cannot start (port in use,
   *     Kafka not answering within {@link KafkaReachability#DEFAULT_TIMEOUT})
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
    // Configuration problems first, each as one line, before anything runs.
    checkPortFree(config);
    checkKafkaReachable(config);
    // Rebuild the view before serving: a restarted dashboard that served its empty view first
    // would show a wall screen counting down to zero (figures must never go backwards on screen).
    ProgressFollower follower =
        new ProgressFollower(config.bootstrapServers(), config.topics(), view).start();
    awaitRebuilt(config, view, follower);
    Javalin app = DashboardApp.create(deps);
    try {
      if (config.host() != null) {
        app.start(config.host(), config.port());
      } else {
        app.start(config.port());
      }
    } catch (RuntimeException e) {
      stopQuietly(app);
      follower.close();
      if (causedByBind(e)) {
        throw portInUse(config, e);
      }
      throw new DashboardStartException("dashboard could not start: " + e.getMessage(), e);
    }
    LOG.info(
        "dashboard on http://localhost:{}/ following {} at {}",
        app.port(),
        config.topics().progress(),
        config.bootstrapServers());
    return new DashboardServer(app, follower, deps);
  }

  /** How long start-up waits for the view to be rebuilt from the compacted topics. */
  static final Duration REBUILD_TIMEOUT = Duration.ofSeconds(15);

  private static void checkPortFree(DashboardConfig config) {
    PortCheck.problem(config.host(), config.port())
        .ifPresent(
            problem -> {
              throw new DashboardStartException(
                  "dashboard " + problem + "; choose another with --port (or stop what holds it)",
                  null);
            });
  }

  /**
   * Fails start-up in one line when Kafka does not answer within {@link
   * KafkaReachability#DEFAULT_TIMEOUT}: the follower would otherwise retry for ever and the
   * dashboard serve an empty view.
   */
  private static void checkKafkaReachable(DashboardConfig config) {
    KafkaReachability.problem(config.bootstrapServers())
        .ifPresent(
            problem -> {
              throw new DashboardStartException(
                  problem + "; check --bootstrap-servers and that the broker is running", null);
            });
  }

  private static DashboardStartException portInUse(DashboardConfig config, Exception e) {
    return new DashboardStartException(
        "dashboard port "
            + config.port()
            + " is already in use; choose another with --port (or stop what holds it)",
        e);
  }

  /**
   * Waits, bounded, until the follower has read the topics up to their end offsets at start. Kafka
   * that never answers is a start-up error; topics that are slow or not created yet are not (the
   * view then fills in as they come, marked stale).
   */
  private static void awaitRebuilt(
      DashboardConfig config, ProgressView view, ProgressFollower follower) {
    long deadline = System.nanoTime() + REBUILD_TIMEOUT.toNanos();
    try {
      while (view.replaying() && System.nanoTime() < deadline) {
        Thread.sleep(50); // bounded poll of the follower thread's progress
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (view.replaying() && !follower.reachedKafka()) {
      follower.close();
      throw new DashboardStartException(
          "Kafka at "
              + config.bootstrapServers()
              + " did not answer within "
              + REBUILD_TIMEOUT.toSeconds()
              + " s; check --bootstrap-servers",
          null);
    }
    if (view.replaying()) {
      LOG.warn("view not fully rebuilt after {}; serving what is read so far", REBUILD_TIMEOUT);
    }
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
