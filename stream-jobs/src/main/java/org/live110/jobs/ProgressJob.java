package org.live110.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.live110.jobs.functions.CampaignClock;
import org.live110.jobs.functions.CountyCounter;
import org.live110.jobs.functions.DeadLetterCounter;
import org.live110.jobs.functions.MinuteSeries;
import org.live110.jobs.functions.ProgressRollup;
import org.live110.jobs.functions.RecordParser;
import org.live110.jobs.functions.SeriesPreAggregator;
import org.live110.jobs.functions.SessionTracker;
import org.live110.jobs.functions.SnapshotFactory;
import org.live110.jobs.functions.SplitRejections;
import org.live110.jobs.functions.ValidEventsWatermarks;
import org.live110.jobs.io.KafkaJobIo;
import org.live110.jobs.io.RetentionCheck;
import org.live110.jobs.records.CountyTotals;
import org.live110.jobs.records.DeadLetter;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.ParsedRecord;
import org.live110.jobs.records.SeriesFact;
import org.live110.model.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The campaign progress job: input events from Kafka in, exact live progress out.
 *
 * <pre>
 * source (parse at the edge)  ─► split ─► dead letters ─► dead-letter topic
 *                                  │            └─► per-reason counter ─┐
 *                                  ▼                                    ▼
 *   keyBy county: dedup + counter ─► roll-up (p=1) ─► progress topic
 *                        ├─► county series ─────────────────────────────────────────► series topic
 *                        ├─► tier/all facts ─► pre-aggregate ─► keyBy scope: minute series ─► series topic
 *                        └─► session events ─► keyBy session: sessions ─► sessions topic
 * </pre>
 *
 * <p>One keyed shuffle per event: exact duplicates share their countyCode, so the county operator
 * de-duplicates as well as counts (a separate keyBy eventId cost a full serialization of every
 * event; see BENCHMARKS.md).
 *
 * <p>{@link #build} takes the sources and sinks (tests pass bounded ones); {@link
 * #buildKafkaPipeline} wires Kafka (the launcher calls it to run the job on a MiniCluster); {@link
 * #main} only reads the command line.
 */
@Command(
    name = "progress-job",
    mixinStandardHelpOptions = true,
    description = "110 Live: exact live campaign progress from the Kafka event topics.")
public final class ProgressJob implements Callable<Integer> {

  /** Adds the Kafka-wired job to {@code env} (configured by {@link #configure}); not executed. */
  public static void buildKafkaPipeline(StreamExecutionEnvironment env, JobConfig config) {
    build(env, KafkaJobIo.sources(config), KafkaJobIo.sinks(config), config);
  }

  /**
   * Configures {@code env} (parallelism, checkpointing, restart strategy, no Kryo) and adds the
   * whole job graph between the given sources and sinks.
   */
  public static void build(
      StreamExecutionEnvironment env, JobSources sources, JobSinks sinks, JobConfig config) {
    build(env, sources, sinks, config, CampaignPlan.load(config));
  }

  /** As {@link #build(StreamExecutionEnvironment, JobSources, JobSinks, JobConfig)}, plan given. */
  public static void build(
      StreamExecutionEnvironment env,
      JobSources sources,
      JobSinks sinks,
      JobConfig config,
      CampaignPlan plan) {
    configure(env, config);
    Duration stage = config.stageEmitInterval();
    CampaignClock clock = new CampaignClock(plan.calendar());
    RecordParser parser = new RecordParser(plan.parser(config.maxRecordBytes()));
    WatermarkStrategy<ParsedRecord> watermarks =
        ValidEventsWatermarks.strategy(config.outOfOrderness(), config.idleness());

    // The split is chained to the source (see JobSources): valid events leave the source's task
    // only once, on the county shuffle.
    SingleOutputStreamOperator<ParsedRecord> valid =
        sources
            .create(env, parser, watermarks)
            .process(new SplitRejections())
            .uid("split-rejections")
            .name("split rejections");
    DataStream<DeadLetter> deadLetters = valid.getSideOutput(SplitRejections.DEAD_LETTERS);
    deadLetters.sinkTo(sinks.deadLetters()).uid("sink-deadletters").name("dead-letter sink");
    DataStream<KeyedValue> deadLetterSummary =
        deadLetters
            .keyBy(d -> DeadLetterCounter.KEY, Types.STRING)
            .process(new DeadLetterCounter(stage))
            .uid("deadletter-counter")
            .name("dead letters per reason")
            .setParallelism(1);

    SingleOutputStreamOperator<CountyTotals> counted =
        valid
            .keyBy(r -> r.countyCode, Types.STRING)
            .process(
                new CountyCounter(
                    plan.registry(), clock, stage, config.seriesWindow(), config.dedupRetention()))
            .uid("county-counter")
            .name("dedup and count per county");

    DataStream<CountyTotals> start =
        env.fromData(TypeInformation.of(CountyTotals.class), ProgressRollup.start())
            .uid("start-signal")
            .name("start signal")
            .setParallelism(1);
    DataStream<KeyedValue> progress =
        counted
            .union(start)
            .keyBy(t -> ProgressRollup.KEY, Types.STRING)
            .process(
                new ProgressRollup(
                    plan.registry(),
                    new SnapshotFactory(plan.targets(), plan.calendar()),
                    clock,
                    stage))
            .uid("progress-rollup")
            .name("roll up to tiers and all")
            .setParallelism(1);
    // Parallelism 1 keeps each scope's snapshots in order on their way to the compacted topic.
    progress
        .union(deadLetterSummary)
        .sinkTo(sinks.progress())
        .uid("sink-progress")
        .name("progress sink")
        .setParallelism(1);

    // Each county's own series leaves from the counter's task (chained: no shuffle); the tiers'
    // and all's are summed per subtask, then per scope.
    counted
        .getSideOutput(CountyCounter.COUNTY_SERIES)
        .sinkTo(sinks.series())
        .uid("sink-county-series")
        .name("county series sink");
    DataStream<SeriesFact> facts =
        counted
            .getSideOutput(CountyCounter.SERIES)
            .transform(
                "pre-aggregate tier and all series",
                TypeInformation.of(SeriesFact.class),
                new SeriesPreAggregator(stage))
            .uid("series-pre-aggregate");
    facts
        .keyBy(f -> f.scope, Types.STRING)
        .process(new MinuteSeries(config.seriesWindow(), stage))
        .uid("minute-series")
        .name("tier and all series")
        .sinkTo(sinks.series())
        .uid("sink-series")
        .name("series sink");

    counted
        .getSideOutput(CountyCounter.SESSION_EVENTS)
        .keyBy(r -> r.sessionId, Types.STRING)
        .process(new SessionTracker(config.sessionTimeout(), config.sessionRetention(), stage))
        .uid("sessions")
        .name("livestream sessions")
        .sinkTo(sinks.sessions())
        .uid("sink-sessions")
        .name("sessions sink");
  }

  /** Parallelism, exactly-once checkpoints, restart strategy, buffer timeout, no generic types. */
  public static void configure(StreamExecutionEnvironment env, JobConfig config) {
    Configuration c = new Configuration();
    // Kryo can never creep in: every type crossing an operator or sitting in state is a POJO.
    c.set(PipelineOptions.GENERIC_TYPES, false);
    // No defensive copy between chained operators: no function changes or keeps a record it was
    // given (state holds its own objects), and each copy of the wide ParsedRecord is reflection.
    c.set(PipelineOptions.OBJECT_REUSE, true);
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    c.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
        Duration.ofMillis(100));
    c.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
        Duration.ofSeconds(30));
    env.configure(c);
    env.setParallelism(config.parallelism());
    env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    env.setBufferTimeout(config.bufferTimeout().toMillis());
  }

  // ---- command line -------------------------------------------------------------------------

  @Option(names = "--bootstrap-servers", defaultValue = JobConfig.DEFAULT_BOOTSTRAP)
  String bootstrapServers;

  @Option(names = "--topic-exposure", defaultValue = "campaign.exposure")
  String topicExposure;

  @Option(names = "--topic-livestream", defaultValue = "campaign.livestream")
  String topicLivestream;

  @Option(names = "--topic-orders", defaultValue = "campaign.orders")
  String topicOrders;

  @Option(names = "--topic-programme", defaultValue = "campaign.programme")
  String topicProgramme;

  @Option(names = "--topic-deadletter", defaultValue = "campaign.deadletter")
  String topicDeadLetter;

  @Option(names = "--topic-progress", defaultValue = "campaign.progress")
  String topicProgress;

  @Option(names = "--topic-series", defaultValue = "campaign.series")
  String topicSeries;

  @Option(names = "--topic-sessions", defaultValue = "campaign.sessions")
  String topicSessions;

  @Option(names = "--group-id", defaultValue = JobConfig.DEFAULT_GROUP)
  String groupId;

  @Option(names = "--parallelism", defaultValue = "2")
  int parallelism;

  @Option(names = "--checkpoint-interval", defaultValue = "PT2S", description = "ISO-8601")
  Duration checkpointInterval;

  @Option(names = "--dedup-retention", defaultValue = "P7D", description = "ISO-8601")
  Duration dedupRetention;

  @Option(names = "--session-timeout", defaultValue = "PT30M", description = "ISO-8601")
  Duration sessionTimeout;

  @Option(
      names = "--session-retention",
      defaultValue = "P1D",
      description = "ISO-8601; event time a session's state is kept after its last event")
  Duration sessionRetention;

  @Option(names = "--emit-interval", defaultValue = "PT0.2S", description = "ISO-8601")
  Duration emitInterval;

  @Option(names = "--out-of-orderness", defaultValue = "PT5S", description = "ISO-8601")
  Duration outOfOrderness;

  @Option(names = "--idleness", defaultValue = "PT5S", description = "ISO-8601")
  Duration idleness;

  @Option(names = "--registry", description = "county registry CSV (default: bundled)")
  Path registry;

  @Option(names = "--targets", description = "annual targets CSV (default: the plan's)")
  Path targets;

  @Option(names = "--year", defaultValue = "2019")
  int year;

  @Option(names = "--max-record-bytes", defaultValue = "65536")
  int maxRecordBytes;

  /** The configuration the command line describes. */
  JobConfig toConfig() {
    return JobConfig.builder()
        .bootstrapServers(bootstrapServers)
        .topics(
            new Topics(
                topicExposure,
                topicLivestream,
                topicOrders,
                topicProgramme,
                topicDeadLetter,
                topicProgress,
                topicSeries,
                topicSessions))
        .groupId(groupId)
        .parallelism(parallelism)
        .checkpointInterval(checkpointInterval)
        .dedupRetention(dedupRetention)
        .sessionTimeout(sessionTimeout)
        .sessionRetention(sessionRetention)
        .emitInterval(emitInterval)
        .outOfOrderness(outOfOrderness)
        .idleness(idleness)
        .registryFile(registry)
        .targetsFile(targets)
        .year(year)
        .maxRecordBytes(maxRecordBytes)
        .build();
  }

  @Override
  public Integer call() throws Exception {
    JobConfig config = toConfig();
    List<String> kept = new ArrayList<>(config.topics().inputs());
    kept.add(config.topics().deadLetter());
    RetentionCheck.warnIfRisky(config.bootstrapServers(), kept);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    buildKafkaPipeline(env, config);
    env.execute("110 Live progress");
    return 0;
  }

  /**
   * Parses the command line (see {@code --help}) and runs the Kafka-wired job. It throws rather
   * than calling {@code System.exit}: submitted through Flink's REST API, this main runs inside the
   * JobManager, which an exit would take down.
   */
  public static void main(String[] args) {
    int code = new CommandLine(new ProgressJob()).execute(args);
    if (code != 0) {
      throw new IllegalStateException("110 Live progress job failed (exit code " + code + ")");
    }
  }

  /** Parses a command line into a config without running anything (for tests and the launcher). */
  public static JobConfig parseArgs(String... args) {
    ProgressJob job = new ProgressJob();
    new CommandLine(job).parseArgs(args);
    return job.toConfig();
  }
}
