package org.live110.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of one bench run (built from the command line by {@link BenchCommand}).
 *
 * @param events clean events of the simulated year to preload (faults come on top)
 * @param warmups unmeasured rounds of job, ceiling and SQL peer before the measured repeats: the
 *     JIT compiles the many code paths of Flink, Kafka and the job for a minute or more, and a
 *     long-running job runs compiled (the rounds are printed, not counted)
 * @param jitWarmups at most this many further warm-up rounds of the job alone, while the JIT still
 *     takes a large share of a round's CPU ({@link ThroughputRounds})
 * @param settledJitPercent the JIT's share of a round's CPU, in percent, below which the job's code
 *     counts as compiled (no further JIT warm-up round)
 * @param repeats measured repeats of each throughput figure (job, ceiling, SQL peer)
 * @param seed simulator seed
 * @param parallelism Flink parallelism and ceiling threads (default: the cores)
 * @param checkpointInterval checkpoint interval of every Flink job of the bench
 * @param peakRate events per campaign second of the peak phase's input: the same year squeezed into
 *     the campaign time a live peak of this rate would take ({@link PeakFeed})
 * @param latencyRate events per second of the steady producer of the latency phase
 * @param latencyDuration how long the latency phase measures
 * @param sseClients concurrent SSE clients of the fan-out phase
 * @param fanoutDuration how long the fan-out phase measures
 * @param dashboardHeap -Xmx of the fan-out dashboard's own JVM
 * @param workDir where the broker log and checkpoints go (deleted at the end)
 * @param timeBudget the whole run must end within this: a throughput repeat that would not leave
 *     time for the live phases is skipped (and the report says so)
 * @param phases which phases to run (see {@link Phase})
 */
public record BenchConfig(
    long events,
    int warmups,
    int jitWarmups,
    int settledJitPercent,
    int repeats,
    long seed,
    int parallelism,
    Duration checkpointInterval,
    long peakRate,
    int latencyRate,
    Duration latencyDuration,
    int sseClients,
    Duration fanoutDuration,
    String dashboardHeap,
    Path workDir,
    Duration timeBudget,
    Set<Phase> phases) {

  /** The parts of the bench; each can be left out while developing (the summary shows 0). */
  public enum Phase {
    THROUGHPUT,
    CEILING,
    SQL,
    /** The job and the ceiling again, on the year squeezed to a live peak's density. */
    PEAK,
    LATENCY,
    FANOUT
  }

  public BenchConfig {
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(latencyDuration, "latencyDuration");
    Objects.requireNonNull(fanoutDuration, "fanoutDuration");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(timeBudget, "timeBudget");
    phases = Set.copyOf(phases);
    if (events < 1_000
        || warmups < 0
        || jitWarmups < 0
        || settledJitPercent < 0
        || repeats < 1
        || parallelism < 1
        || peakRate < 1
        || latencyRate < 1
        || sseClients < 1) {
      throw new IllegalArgumentException(
          "events >= 1000, warm-ups and JIT percent >= 0, repeats, parallelism, peak rate, latency rate"
              + " and SSE clients >= 1");
    }
    if (phases.contains(Phase.PEAK) && events > peakRate * PeakFeed.MAX_WINDOW.toSeconds()) {
      throw new IllegalArgumentException(
          "the peak squeezes the year into at most a day: peak rate >= events / 86,400");
    }
  }

  public boolean runs(Phase p) {
    return phases.contains(p);
  }
}
