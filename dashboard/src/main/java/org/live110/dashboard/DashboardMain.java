package org.live110.dashboard;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.live110.model.Topics;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;
import org.live110.model.registry.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the dashboard as its own process. Reads options and the environment ({@code
 * LIVE110_ADMIN_TOKEN}) here only, builds a {@link DashboardConfig} and starts a {@link
 * DashboardServer}; stops it on SIGINT/SIGTERM. Start errors are printed as one line (exit 2).
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = "110 Live dashboard: wall display, livestream monitor, REST, SSE, /metrics.")
public final class DashboardMain implements Callable<Integer> {
  /** Environment variable holding the admin bearer token. */
  public static final String ADMIN_TOKEN_ENV = "LIVE110_ADMIN_TOKEN";

  @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE})")
  int port = DashboardConfig.DEFAULT_PORT;

  @Option(names = "--host", description = "interface to bind (default: all)")
  String host;

  @Option(
      names = "--bootstrap-servers",
      description = "Kafka bootstrap servers (default ${DEFAULT-VALUE})")
  String bootstrapServers = DashboardConfig.DEFAULT_BOOTSTRAP_SERVERS;

  // --topic-progress as the job and the simulator spell it; --progress-topic, the first spelling,
  // still works.
  @Option(
      names = {"--topic-progress", "--progress-topic"},
      description = "default ${DEFAULT-VALUE}")
  String progressTopic = Topics.DEFAULT.progress();

  // --topic-series as the job and the simulator spell it; --series-topic, the first spelling, still
  // works.
  @Option(
      names = {"--topic-series", "--series-topic"},
      description = "default ${DEFAULT-VALUE}")
  String seriesTopic = Topics.DEFAULT.series();

  // --topic-sessions as the job and the simulator spell it; --sessions-topic, the first spelling,
  // still works.
  @Option(
      names = {"--topic-sessions", "--sessions-topic"},
      description = "default ${DEFAULT-VALUE}")
  String sessionsTopic = Topics.DEFAULT.sessions();

  @Option(names = "--registry", description = "county registry CSV (default: the bundled one)")
  Path registry;

  @Option(names = "--targets", description = "targets CSV scope,kpi,value (default: the plan's)")
  Path targets;

  @Option(names = "--year", description = "campaign year (default ${DEFAULT-VALUE})")
  int year = CampaignCalendar.DEFAULT_YEAR;

  @Option(
      names = "--admin-token",
      description =
          "bearer token of /api/admin (default: env "
              + ADMIN_TOKEN_ENV
              + "; none closes admin). Prefer the variable: options show in ps.")
  String adminToken;

  @Option(
      names = "--frame-policy",
      description = "DENY (default), SAMEORIGIN or 'ALLOW-FROM <origin> ...'")
  String framePolicy = "DENY";

  @Option(names = "--stale-after-seconds", description = "default ${DEFAULT-VALUE}")
  long staleAfterSeconds = DashboardConfig.DEFAULT_STALE_AFTER.toSeconds();

  @Option(names = "--sse-keep-alive-seconds", description = "default ${DEFAULT-VALUE}")
  long keepAliveSeconds = DashboardConfig.DEFAULT_SSE_KEEP_ALIVE.toSeconds();

  @Option(names = "--sse-max-clients-per-address", description = "default ${DEFAULT-VALUE}")
  int maxPerAddress = DashboardConfig.DEFAULT_SSE_MAX_CLIENTS_PER_ADDRESS;

  @Option(names = "--sse-max-clients", description = "default ${DEFAULT-VALUE}")
  int maxClients = DashboardConfig.DEFAULT_SSE_MAX_CLIENTS;

  @Option(names = "--sse-queue-limit", description = "default ${DEFAULT-VALUE}")
  int queueLimit = DashboardConfig.DEFAULT_SSE_QUEUE_LIMIT;

  @Option(names = "--coalesce-millis", description = "default ${DEFAULT-VALUE}")
  long coalesceMillis = DashboardConfig.DEFAULT_COALESCE_INTERVAL.toMillis();

  public static void main(String[] args) {
    System.exit(new CommandLine(new DashboardMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    DashboardServer server;
    try {
      String token = adminToken != null ? adminToken : System.getenv(ADMIN_TOKEN_ENV);
      DashboardConfig config =
          DashboardConfig.builder()
              .port(port)
              .host(host)
              .bootstrapServers(bootstrapServers)
              .topics(
                  new Topics(
                      Topics.DEFAULT.exposure(),
                      Topics.DEFAULT.livestream(),
                      Topics.DEFAULT.orders(),
                      Topics.DEFAULT.programme(),
                      Topics.DEFAULT.deadLetter(),
                      progressTopic,
                      seriesTopic,
                      sessionsTopic))
              .adminToken(token)
              .framePolicy(FramePolicy.parse(framePolicy))
              .staleAfter(Duration.ofSeconds(staleAfterSeconds))
              .sseKeepAlive(Duration.ofSeconds(keepAliveSeconds))
              .sseMaxClientsPerAddress(maxPerAddress)
              .sseMaxClients(maxClients)
              .sseQueueLimit(queueLimit)
              .coalesceInterval(Duration.ofMillis(coalesceMillis))
              .build();
      CountyRegistry counties =
          registry == null ? CountyRegistry.sample() : CountyRegistry.load(registry);
      TargetBook book =
          targets == null
              ? TargetBook.plan(counties)
              : TargetBook.of(TargetBook.load(targets), counties);
      server =
          DashboardServer.start(
              config,
              counties,
              book,
              new CampaignCalendar(year),
              SimulatorControl.unavailable(),
              Clock.systemUTC());
    } catch (DashboardStartException | RegistryException | IllegalArgumentException e) {
      System.err.println("dashboard: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "dashboard-shutdown"));
    stopped.await();
    return 0;
  }
}
