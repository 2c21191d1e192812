package org.live110.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.live110.jobs.JobConfig;
import org.live110.jobs.ProgressJob;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.model.Topics;

/**
 * One throughput repeat of the production job: the stream job's own Kafka pipeline ({@link
 * ProgressJob#buildKafkaPipeline}) with checkpointing on, a fresh consumer group from the earliest
 * offsets, outputs to topics of its own, on the shared {@link BenchCluster}.
 *
 * <p>Drain is detected exactly: the run is over when the job's {@code all} snapshot and dead-letter
 * summary equal the preloaded truth; the drain time runs from submission to the wall-clock moment
 * that snapshot arrived. If the figures stop changing without ever matching, the run ends after a
 * stall bound and reports the mismatch instead of hanging. Checkpoint sizes are sampled along the
 * way (state growth over the year).
 */
public final class JobThroughputRun {
  private static final Duration STALL = Duration.ofSeconds(10);

  private final EmbeddedKafkaBroker broker;
  private final Topics inputs;
  private final int parallelism;
  private final Duration checkpointInterval;
  private final Path checkpointDir;

  public JobThroughputRun(
      EmbeddedKafkaBroker broker,
      Topics inputs,
      int parallelism,
      Duration checkpointInterval,
      Path checkpointDir) {
    this.broker = broker;
    this.inputs = inputs;
    this.parallelism = parallelism;
    this.checkpointInterval = checkpointInterval;
    this.checkpointDir = checkpointDir;
  }

  /**
   * One point of the state-growth curve.
   *
   * @param counted the {@code all} snapshot's version when the checkpoint was seen (events counted)
   * @param asOf the campaign clock then (ISO day), or null
   * @param checkpoint the checkpoint
   */
  public record StatePoint(long counted, String asOf, BenchCluster.CheckpointSample checkpoint) {}

  /**
   * The outcome of one repeat.
   *
   * @param seconds submission to drained
   * @param startSeconds submission to the job's first output (deployment and start-up)
   * @param matched whether the job's totals equalled the truth
   * @param detail the job's final figures when they did not match
   * @param growth checkpoint sizes sampled during the run
   * @param finalCheckpoint the first checkpoint completed after the drain, if seen
   * @param spent this JVM's CPU, JIT and GC time from submission to the poll that saw the drain (up
   *     to 0.1 s after it; the job, the broker serving it and the bench's watcher)
   */
  public record Result(
      double seconds,
      double startSeconds,
      boolean matched,
      String detail,
      List<StatePoint> growth,
      Optional<BenchCluster.CheckpointSample> finalCheckpoint,
      JvmUsage.Spent spent) {

    /** CPU microseconds per record: the repeat's CPU time over the records it drained. */
    public double cpuMicrosPerRecord(long records) {
      return spent.cpuSeconds() * 1e6 / records;
    }

    /** Heap bytes the JVM allocated per input record over the round (NaN if not reported). */
    public double allocatedBytesPerRecord(long records) {
      return spent.allocatedBytes() / records;
    }
  }

  public Result run(BenchCluster cluster, String run, ExpectedTotals.Totals expected)
      throws Exception {
    Topics topics = BenchTopics.forRun(inputs, run);
    broker.createTopics(BenchTopics.outputSpecs(topics));
    JobConfig config =
        JobConfig.builder()
            .bootstrapServers(broker.bootstrapServers())
            .topics(topics)
            .groupId("bench-job-" + run)
            .parallelism(parallelism)
            .checkpointInterval(checkpointInterval)
            .build();
    Configuration conf = new Configuration();
    // File checkpoints: the JobManager's in-memory storage caps state handles at a few MB.
    conf.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.resolve(run).toUri().toString());
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    ProgressJob.buildKafkaPipeline(env, config);
    List<StatePoint> growth = new ArrayList<>();
    try (ProgressWatcher watcher =
        new ProgressWatcher(broker.bootstrapServers(), topics.progress())) {
      long start = System.nanoTime();
      JvmUsage before = JvmUsage.now();
      JobID job = cluster.submit(env);
      try {
        long lastCheckpoint = -1;
        ProgressWatcher.State s;
        while (true) {
          waitMillis(100);
          s = watcher.state();
          Optional<BenchCluster.CheckpointSample> c = cluster.latestCheckpoint(job);
          if (c.isPresent() && c.get().id() != lastCheckpoint) {
            lastCheckpoint = c.get().id();
            growth.add(point(s, c.get()));
          }
          if (s.matches(expected)) {
            break;
          }
          long now = System.nanoTime();
          if (s.lastChangeNanos() > 0 && now - s.lastChangeNanos() > STALL.toNanos()) {
            break;
          }
          if (now - start > Duration.ofMinutes(15).toNanos()) {
            throw new IllegalStateException(
                "job did not drain in 15 minutes: " + ProgressWatcher.describe(s));
          }
          if (cluster.status(job).isGloballyTerminalState()) {
            throw new IllegalStateException("job ended early: " + cluster.status(job));
          }
        }
        JvmUsage.Spent spent = JvmUsage.now().since(before);
        boolean matched = s.matches(expected);
        double seconds = (s.lastChangeNanos() - start) / 1e9;
        double startSeconds =
            s.firstRecordNanos() < 0 ? Double.NaN : (s.firstRecordNanos() - start) / 1e9;
        Optional<BenchCluster.CheckpointSample> fin =
            awaitCheckpointAfter(cluster, job, lastCheckpoint);
        fin.ifPresent(c -> growth.add(point(watcher.state(), c)));
        return new Result(
            seconds,
            startSeconds,
            matched,
            matched
                ? ""
                : ProgressWatcher.describe(s)
                    + " truth: all="
                    + expected.all()
                    + " deadLetters="
                    + expected.deadLetterTotal(),
            growth,
            fin,
            spent);
      } finally {
        cluster.cancel(job);
      }
    }
  }

  private static StatePoint point(ProgressWatcher.State s, BenchCluster.CheckpointSample c) {
    return new StatePoint(
        s.all() == null ? 0 : s.all().version(),
        s.all() == null || s.all().asOf() == null ? null : s.all().asOf().toString(),
        c);
  }

  /**
   * A checkpoint triggered after the drain (id beyond the one in flight then): the state holding
   * the whole input.
   */
  private Optional<BenchCluster.CheckpointSample> awaitCheckpointAfter(
      BenchCluster cluster, JobID job, long after) throws Exception {
    long deadline =
        System.nanoTime() + checkpointInterval.multipliedBy(3).plusSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<BenchCluster.CheckpointSample> c = cluster.latestCheckpoint(job);
      if (c.isPresent() && c.get().id() > after + 1) {
        return c;
      }
      waitMillis(100);
    }
    return Optional.empty();
  }

  /**
   * A bounded pause of the polling loop (the bench measures; it does not wait for a condition
   * here).
   */
  static void waitMillis(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
