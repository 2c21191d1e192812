package org.live110.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.model.Tier;
import org.live110.model.Topics;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.EventWriter;
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
      log.printf(
          "preloading a simulated year of %,d clean events (seed %d)...%n",
          config.events(), config.seed());
      Preloader.Result preload = preload(broker, parser, feed, inputs);

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
          new ThroughputRounds(
              config, cluster, jobRun, ceilingRun, sqlRun, preload, "", log, started);
      rounds.run(config.phases(), config.jitWarmups(), peakReserve().plus(liveReserve()));
      BenchResult.Peak peak = null;
      if (config.runs(BenchConfig.Phase.PEAK)) {
        peak = peak(broker, cluster, parser, work, started);
      }
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
          preload,
          rounds.warmup(),
          rounds.job(),
          rounds.ceiling(),
          rounds.sql(),
          latency,
          fanout,
          peak);
    } finally {
      deleteRecursively(work);
    }
  }

  /**
   * The peak phase: the same year squeezed to the density of a live peak ({@link PeakFeed}) on
   * input topics of its own, then the job's and the ceiling's rounds over it.
   */
  private BenchResult.Peak peak(
      EmbeddedKafkaBroker broker, BenchCluster cluster, EventParser parser, Path work, long started)
      throws Exception {
    PeakFeed peakFeed =
        new PeakFeed(
            feed, CampaignCalendar.defaultYear(), PeakFeed.DEFAULT_START, config.peakRate());
    Duration window = peakFeed.window(config.events());
    Topics inputs = BenchTopics.prefixed("peak.");
    log.printf(
        "preloading the same year squeezed into %.1f s of campaign time from %s (%,d events per"
            + " campaign second)...%n",
        window.toMillis() / 1000.0,
        EventWriter.formatTime(PeakFeed.DEFAULT_START),
        config.peakRate());
    Preloader.Result preload = preload(broker, parser, peakFeed, inputs);
    ThroughputRounds rounds =
        new ThroughputRounds(
            config,
            cluster,
            new JobThroughputRun(
                broker,
                inputs,
                config.parallelism(),
                config.checkpointInterval(),
                work.resolve("checkpoints-peak")),
            new CeilingRun(
                broker.bootstrapServers(), inputs.inputs(), parser, config.parallelism()),
            null,
            preload,
            "peak ",
            log,
            started);
    // After the year's rounds the code is compiled; run alone, the peak needs the JIT warm-ups.
    rounds.run(
        EnumSet.of(BenchConfig.Phase.THROUGHPUT, BenchConfig.Phase.CEILING),
        config.runs(BenchConfig.Phase.THROUGHPUT) ? 0 : config.jitWarmups(),
        liveReserve());
    return new BenchResult.Peak(
        PeakFeed.DEFAULT_START,
        window,
        config.peakRate(),
        preload,
        rounds.warmup(),
        rounds.job(),
        rounds.ceiling());
  }

  /** Creates {@code inputs} and writes the configured year of {@code source} into them. */
  private Preloader.Result preload(
      EmbeddedKafkaBroker broker, EventParser parser, FeedSource source, Topics inputs)
      throws Exception {
    broker.createTopics(BenchTopics.inputSpecs(inputs));
    Preloader.Result preload =
        new Preloader(broker.bootstrapServers(), parser)
            .load(source.year(config.events(), config.seed(), inputs));
    log.printf(
        "preloaded %,d records (%,d MB) in %.1f s%n",
        preload.records(), preload.bytes() >> 20, preload.seconds());
    return preload;
  }

  /**
   * Time the peak phase needs (its preload, warm-ups and repeats of the job and the ceiling), a
   * rough bound from the default run: the rounds before it leave it this much.
   */
  private Duration peakReserve() {
    return config.runs(BenchConfig.Phase.PEAK)
        ? Duration.ofSeconds(60).plus(Duration.ofSeconds(20).multipliedBy(config.repeats() + 1))
        : Duration.ZERO;
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
