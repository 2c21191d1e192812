package org.live110.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.model.Tier;
import org.live110.model.Topics;
import org.live110.model.codec.EventParser;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.CountyRegistry;

/**
 * The whole bench, one run, every part side by side on the same machine: preload a simulated year
 * into an embedded broker once; then per repeat the production job, the plain-consumer ceiling and
 * the Flink SQL peer over the same records; then the live system at a steady rate for latency and
 * SSE fan-out.
 *
 * <p>Input: {@link BenchConfig}, where events come from, how to start a dashboard. Output: {@link
 * BenchResult}; progress lines go to {@code log}.
 */
public final class Benchmark {
  private final BenchConfig config;
  private final FeedSource feed;
  private final RunningDashboard.Starter inProcessDashboard;
  private final PrintWriter log;

  public Benchmark(
      BenchConfig config,
      FeedSource feed,
      RunningDashboard.Starter inProcessDashboard,
      PrintWriter log) {
    this.config = config;
    this.feed = feed;
    this.inProcessDashboard = inProcessDashboard;
    this.log = log;
  }

  public BenchResult run() throws Exception {
    long started = System.nanoTime();
    CountyRegistry registry = CountyRegistry.sample();
    CampaignCalendar calendar = CampaignCalendar.defaultYear();
    EventParser parser = new EventParser(registry, calendar);
    Files.createDirectories(config.workDir());
    Path work = Files.createTempDirectory(config.workDir(), "bench-");
    try (EmbeddedKafkaBroker broker =
            new EmbeddedKafkaBroker(
                    EmbeddedKafkaConfig.builder(work.resolve("kafka")).port(0).build())
                .start();
        BenchCluster cluster = new BenchCluster(config.parallelism())) {
      String bootstrap = broker.bootstrapServers();
      Topics inputs = Topics.DEFAULT;
      broker.createTopics(BenchTopics.inputSpecs(inputs));
      log.printf(
          "preloading a simulated year of %,d clean events (seed %d)...%n",
          config.events(), config.seed());
      Preloader.Result preload =
          new Preloader(bootstrap, parser).load(feed.year(config.events(), config.seed(), inputs));
      log.printf(
          "preloaded %,d records (%,d MB) in %.1f s%n",
          preload.records(), preload.bytes() >> 20, preload.seconds());

      JobThroughputRun jobRun =
          new JobThroughputRun(
              broker,
              inputs,
              config.parallelism(),
              config.checkpointInterval(),
              work.resolve("checkpoints"));
      CeilingRun ceilingRun =
          new CeilingRun(bootstrap, inputs.inputs(), parser, config.parallelism());
      SqlPeerRun sqlRun =
          new SqlPeerRun(
              broker,
              inputs,
              registry,
              calendar,
              config.parallelism(),
              config.checkpointInterval(),
              work.resolve("checkpoints"));
      ThroughputRounds rounds =
          new ThroughputRounds(config, cluster, jobRun, ceilingRun, sqlRun, preload, log, started);
      rounds.run(liveReserve());
      LatencyRun.Result latency = null;
      FanoutRun.Result fanout = null;
      if (config.runs(BenchConfig.Phase.LATENCY) || config.runs(BenchConfig.Phase.FANOUT)) {
        Duration warmup =
            config.latencyDuration().compareTo(Duration.ofSeconds(20)) < 0
                ? Duration.ofSeconds(3)
                : Duration.ofSeconds(10);
        String markerCounty = registry.inTier(Tier.RADIATING).get(0).code();
        int markerRate = 50;
        int maxMarkers = (int) (config.latencyDuration().toSeconds() + 1) * markerRate;
        log.printf(
            "steady load: %,d events/s with the job running; markers on county %s%n",
            config.latencyRate(), markerCounty);
        try {
          try (SteadyLoad load =
              new SteadyLoad(
                  broker,
                  cluster,
                  feed,
                  config,
                  markerCounty,
                  config.latencyRate(),
                  markerRate,
                  maxMarkers,
                  work.resolve("checkpoints-live"))) {
            if (config.runs(BenchConfig.Phase.LATENCY)) {
              latency =
                  new LatencyRun()
                      .run(load, inProcessDashboard, bootstrap, warmup, config.latencyDuration());
              log.printf(
                  "latency: %d markers, p50 %.0f ms, p99 %.0f ms%n",
                  latency.millis().count(),
                  latency.millis().median(),
                  latency.millis().percentile(99));
            }
            if (config.runs(BenchConfig.Phase.FANOUT)) {
              fanout =
                  new FanoutRun()
                      .run(
                          load,
                          bootstrap,
                          config.sseClients(),
                          warmup,
                          config.fanoutDuration(),
                          config.dashboardHeap());
              log.printf(
                  "fan-out: %d/%d clients connected, %,d frames, p99 %.0f ms%n",
                  fanout.connected(),
                  fanout.clients(),
                  fanout.frames(),
                  fanout.delayMillis().percentile(99));
            }
            log.printf("steady load produced %,d records%n", load.produced());
          }
        } catch (Exception e) {
          // the throughput figures stand; the report shows which live phase is missing and why
          log.printf("live phases failed: %s%n", e);
        }
      }
      log.flush();
      return new BenchResult(
          preload, rounds.warmup(), rounds.job(), rounds.ceiling(), rounds.sql(), latency, fanout);
    } finally {
      deleteRecursively(work);
    }
  }

  /** Time the latency and fan-out phases need (warm-ups, windows, start-up and drain margins). */
  private Duration liveReserve() {
    Duration d = Duration.ZERO;
    if (config.runs(BenchConfig.Phase.LATENCY)) {
      d = d.plus(config.latencyDuration()).plusSeconds(40);
    }
    if (config.runs(BenchConfig.Phase.FANOUT)) {
      d = d.plus(config.fanoutDuration()).plusSeconds(100);
    }
    return d;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
