package org.live110.app.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.live110.app.LauncherException;
import org.live110.app.flink.LocalFlinkCluster;
import org.live110.app.flink.LocalFlinkConfig;
import org.live110.dashboard.SimulatorControl;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.startup.PortCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-process demo: an embedded Kafka broker, the stream job on a Flink mini-cluster with its
 * web UI, the dashboard and the simulator, all on one data directory.
 *
 * <p>Input: a {@link DemoConfig} and the {@link DemoParts} to assemble. {@link #start} brings the
 * parts up in dependency order (broker and topics, job, dashboard, simulator) and prints the URLs;
 * {@link #runStatusLoop()} prints a status line every few seconds until {@link #close()}, which
 * stops them in the reverse order within about 15 s: the simulator (recording its position), the
 * job (after a final retained checkpoint), the dashboard, the broker.
 *
 * <p>Crash safety comes from the data directory: the broker's log, the retained checkpoints and the
 * simulator's position survive a {@code kill -9}, and the next start resumes the job from the
 * newest completed checkpoint, whose Kafka offsets and de-duplication state make every event count
 * exactly once.
 */
public final class Demo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /** Entries of a data directory that belong to the demo; {@code --fresh} removes only these. */
  static final List<String> DATA_ENTRIES = List.of("kafka", "checkpoints", "savepoints");

  private final DemoConfig config;
  private final PrintStream out;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private EmbeddedKafkaBroker broker;
  private LocalFlinkCluster flink;
  private AutoCloseable dashboard;
  private AutoCloseable simulator;
  private boolean stopped;

  private Demo(DemoConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  /**
   * Starts every part; on any failure stops what was started and throws.
   *
   * @throws LauncherException with a one-line message for the user
   */
  public static Demo start(DemoConfig config, DemoParts parts, PrintStream out) {
    Demo demo = new Demo(config, out);
    try {
      demo.startParts(parts);
    } catch (RuntimeException e) {
      demo.close();
      throw e;
    }
    return demo;
  }

  private void startParts(DemoParts parts) {
    long t0 = System.nanoTime();
    checkPorts(config);
    prepareDataDir();
    EmbeddedKafkaBroker startedBroker =
        new EmbeddedKafkaBroker(
            EmbeddedKafkaConfig.builder(config.kafkaDir())
                .host(config.bindHost())
                .port(config.kafkaPort())
                .closeTimeout(Duration.ofSeconds(5))
                .build());
    // a broker that fails to start has already stopped whatever part of it ran
    startedBroker.start();
    synchronized (lifecycle) {
      broker = startedBroker;
    }
    String bootstrap = startedBroker.bootstrapServers();
    startedBroker.createTopics(parts.topics(config));
    long brokerMs = elapsedMs(t0);

    LocalFlinkCluster startedFlink =
        LocalFlinkCluster.start(
            new LocalFlinkConfig(
                config.flinkUiPort(),
                config.bindHost(),
                config.parallelism(),
                config.checkpointDir(),
                config.checkpointInterval(),
                3));
    synchronized (lifecycle) {
      flink = startedFlink;
    }
    startedFlink.submit("110 Live progress", env -> parts.buildJob(env, config, bootstrap));
    long jobMs = elapsedMs(t0);

    DemoSimulatorControl control =
        config
            .simulator()
            .map(settings -> parts.simulator(config, settings, bootstrap))
            .orElse(null);
    synchronized (lifecycle) {
      simulator = control;
    }
    AutoCloseable startedDashboard =
        parts.startDashboard(
            config, bootstrap, control != null ? control : SimulatorControl.unavailable());
    synchronized (lifecycle) {
      dashboard = startedDashboard;
    }
    if (control != null) {
      control.start();
    }
    LOG.info(
        "Demo up in {} ms (broker and topics {} ms, job submitted {} ms)",
        elapsedMs(t0),
        brokerMs,
        jobMs);
    printBanner(bootstrap, startedFlink.webUiUrl(), startedFlink.restoredFrom());
  }

  /**
   * Checks that every port the demo listens on can be bound, before anything starts: found taken
   * only when its part starts, a port would cost the broker's and Flink's start and stop first.
   *
   * @throws LauncherException one line naming each port that cannot be bound and its option
   */
  static void checkPorts(DemoConfig config) {
    record Listener(String what, String option, int port) {}
    List<Listener> listeners =
        List.of(
            new Listener("Kafka", "--kafka-port", config.kafkaPort()),
            new Listener("dashboard", "--dashboard-port", config.dashboardPort()),
            new Listener("Flink web UI", "--flink-ui-port", config.flinkUiPort()));
    List<String> problems = new ArrayList<>();
    Map<Integer, Listener> seen = new HashMap<>();
    for (Listener l : listeners) {
      Listener same = l.port() == 0 ? null : seen.putIfAbsent(l.port(), l);
      if (same != null) {
        problems.add(same.option() + " and " + l.option() + " are both " + l.port());
        continue;
      }
      PortCheck.problem(config.bindHost(), l.port())
          .ifPresent(p -> problems.add(l.what() + " " + p + " (" + l.option() + ")"));
    }
    if (problems.size() == 1) {
      throw new LauncherException(problems.get(0) + "; choose another port or stop what holds it");
    }
    if (!problems.isEmpty()) {
      throw new LauncherException(
          String.join("; ", problems) + "; choose other ports or stop what holds them");
    }
  }

  private void printBanner(String bootstrap, URI flinkUi, Optional<Path> restoredFrom) {
    String dashboardUrl = "http://" + config.bindHost() + ":" + config.dashboardPort();
    out.println();
    out.println(
        "110 Live demo is running (data in "
            + config.dataDir().toAbsolutePath().normalize()
            + restoredFrom.map(p -> "; resumed from checkpoint " + p.getFileName()).orElse("")
            + ")");
    out.println("  wall display        " + dashboardUrl + "/");
    out.println("  livestream monitor  " + dashboardUrl + "/live");
    out.println("  API                 " + dashboardUrl + "/api/progress");
    out.println(
        "  Flink web UI        http://" + config.bindHost() + ":" + flinkUi.getPort() + "/");
    out.println("  Kafka               " + bootstrap);
    out.println(
        config.simulator().isPresent()
            ? "  simulator           playing the campaign year (--no-simulator to leave it to you)"
            : "  simulator           off: produce events to the topics at " + bootstrap);
    out.println("Ctrl-C stops everything cleanly; start again with the same --data-dir to resume.");
    out.flush();
  }

  /**
   * Prints a status line every {@code statusInterval} until {@link #close()} is called: campaign
   * clock, events/s arriving, the job's consumer lag and its status.
   */
  public void runStatusLoop() throws InterruptedException {
    String bootstrap;
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      bootstrap = broker.bootstrapServers();
    }
    try (KafkaStatus status =
        new KafkaStatus(
            bootstrap,
            config.topics().inputs(),
            config.topics().progress(),
            DemoConfig.JOB_GROUP_ID)) {
      long lastRecords = -1;
      long lastAt = System.nanoTime();
      boolean pruned = false;
      while (!closed.await(config.statusInterval().toMillis(), TimeUnit.MILLISECONDS)) {
        KafkaStatus.Sample sample = status.sample();
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastAt) / 1e9);
        long rate =
            lastRecords < 0 ? 0 : Math.round((sample.inputRecords() - lastRecords) / seconds);
        lastRecords = sample.inputRecords();
        lastAt = now;
        Optional<JobStatus> jobStatus = flink.jobStatus();
        if (closed.getCount() == 0) {
          return; // stopped while sampling: no status line after the shutdown messages
        }
        out.println(statusLine(sample, rate, jobStatus));
        out.flush();
        if (!pruned) {
          // once this run has a checkpoint of its own, earlier runs' checkpoints are dead weight
          pruned = flink.pruneEarlierRuns() >= 0;
        }
      }
    }
  }

  static String statusLine(KafkaStatus.Sample sample, long rate, Optional<JobStatus> jobStatus) {
    String clock =
        sample
            .asOf()
            .map(t -> LocalDateTime.ofInstant(t, CampaignCalendar.ZONE).format(CLOCK))
            .orElse("—");
    return String.format(
        Locale.ROOT,
        "campaign %s | in %,d ev/s (%,d total) | lag %s | job %s",
        clock,
        rate,
        sample.inputRecords(),
        sample.lag().map(l -> String.format(Locale.ROOT, "%,d", l)).orElse("—"),
        jobStatus.map(Enum::name).orElse("?"));
  }

  /** Waits until the demo has been closed (by the shutdown hook or a test). */
  public boolean awaitClosed(Duration timeout) throws InterruptedException {
    return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The embedded broker's bootstrap servers. */
  public String bootstrapServers() {
    synchronized (lifecycle) {
      return broker.bootstrapServers();
    }
  }

  /** The stream job's mini-cluster. */
  public LocalFlinkCluster flink() {
    synchronized (lifecycle) {
      return flink;
    }
  }

  /**
   * Stops the parts in reverse order: simulator, job (final checkpoint, then cancel), dashboard,
   * broker. Idempotent; each step is bounded so the whole stays within about 15 s.
   */
  @Override
  public void close() {
    EmbeddedKafkaBroker b;
    LocalFlinkCluster f;
    AutoCloseable d;
    AutoCloseable s;
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
      b = broker;
      f = flink;
      d = dashboard;
      s = simulator;
    }
    long t0 = System.nanoTime();
    closeQuietly("simulator", s);
    if (f != null) {
      f.stopJob(Duration.ofSeconds(6));
      f.close(Duration.ofSeconds(3));
    }
    closeQuietly("dashboard", d);
    if (b != null) {
      b.close();
    }
    closed.countDown();
    if (b != null || f != null || d != null || s != null) {
      // nothing to report when the start failed before any part ran (the error says it all)
      LOG.info("Demo stopped in {} ms", elapsedMs(t0));
    }
  }

  private static void closeQuietly(String what, AutoCloseable part) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (Exception e) {
      LOG.warn("The {} did not stop cleanly: {}", what, e.toString());
    }
  }

  private void prepareDataDir() {
    Path dir = config.dataDir();
    try {
      Files.createDirectories(dir);
      if (config.fresh()) {
        for (String entry : DATA_ENTRIES) {
          deleteRecursively(dir.resolve(entry));
        }
      }
      Files.createDirectories(config.checkpointDir());
    } catch (IOException e) {
      throw new LauncherException(
          "cannot prepare data directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }

  private static long elapsedMs(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  /** The instant the status line would show for a snapshot clock; exposed for tests. */
  static String clock(Instant asOf) {
    return LocalDateTime.ofInstant(asOf, CampaignCalendar.ZONE).format(CLOCK);
  }
}
