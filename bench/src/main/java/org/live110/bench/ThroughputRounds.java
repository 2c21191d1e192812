package org.live110.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The throughput part of the bench: rounds over the same preloaded records, first all of the job's,
 * then the ceiling's, then the SQL peer's. Each phase has {@link BenchConfig#warmups} unmeasured
 * warm-up rounds (printed, not counted) and then {@link BenchConfig#repeats} measured ones; the job
 * has up to {@link BenchConfig#jitWarmups} more warm-up rounds while the JIT is still compiling (a
 * round in which compilation took {@link BenchConfig#settledJitPercent} % of the CPU or more is
 * followed by another).
 *
 * <p>Why: a long-running job runs compiled code. On this machine's 2 cores the job's code paths are
 * compiled over its first four or five runs of the year (JIT 60 % → 20 % of the CPU, 22.6 → 9.4 µs
 * per record), so a single fixed warm-up round measured a job still being compiled. And each phase
 * runs back to back, not interleaved with the others: all of them share this JVM, and a SQL job run
 * between two of the job's repeats (other record types through the same Flink and Kafka code) made
 * the next repeat slower (BENCHMARKS.md, "Sixth session"); in production the job has its JVMs to
 * itself.
 *
 * <p>A round that would not leave the later phases their time within the budget is skipped, and the
 * log says so. The peak phase is a second instance over the peak input ({@link PeakFeed}): the job
 * and the ceiling only, its fixed warm-ups, and JIT warm-ups only when the year's job rounds did
 * not run (they compile the code).
 */
final class ThroughputRounds {
  private final BenchConfig config;
  private final BenchCluster cluster;
  private final JobThroughputRun jobRun;
  private final CeilingRun ceilingRun;
  private final SqlPeerRun sqlRun;
  private final Preloader.Result preload;

  /** "" for the year, "peak " for the peak input: the prefix of log labels and run names. */
  private final String input;

  private final PrintWriter log;
  private final long benchStarted;

  private final BenchResult.Warmup warmup = new BenchResult.Warmup();
  private final List<JobThroughputRun.Result> job = new ArrayList<>();
  private final List<CeilingRun.Result> ceiling = new ArrayList<>();
  private final List<SqlPeerRun.Result> sql = new ArrayList<>();

  ThroughputRounds(
      BenchConfig config,
      BenchCluster cluster,
      JobThroughputRun jobRun,
      CeilingRun ceilingRun,
      SqlPeerRun sqlRun,
      Preloader.Result preload,
      String input,
      PrintWriter log,
      long benchStarted) {
    this.config = config;
    this.cluster = cluster;
    this.jobRun = jobRun;
    this.ceilingRun = ceilingRun;
    this.sqlRun = sqlRun;
    this.preload = preload;
    this.input = input;
    this.log = log;
    this.benchStarted = benchStarted;
  }

  /**
   * Runs every round of {@code phases} (throughput, ceiling, SQL peer) that fits the time budget,
   * with at most {@code jitWarmups} JIT warm-ups of the job, leaving {@code liveReserve} for later
   * phases.
   */
  void run(Set<BenchConfig.Phase> phases, int jitWarmups, Duration liveReserve) throws Exception {
    if (phases.contains(BenchConfig.Phase.THROUGHPUT)) {
      phase(
          "job", this::jobRound, warmup.job(), job, jitWarmups, this::stillCompiling, liveReserve);
    }
    if (phases.contains(BenchConfig.Phase.CEILING)) {
      phase(
          "ceiling",
          (label, run) -> ceilingRound(label),
          warmup.ceiling(),
          ceiling,
          0,
          () -> false,
          liveReserve);
    }
    if (phases.contains(BenchConfig.Phase.SQL)) {
      phase("SQL peer", this::sqlRound, warmup.sql(), sql, 0, () -> false, liveReserve);
    }
  }

  /** One round of a phase: {@code label} for the log, {@code run} names its topics and group. */
  @FunctionalInterface
  private interface Round<T> {
    T run(String label, String run) throws Exception;
  }

  /**
   * The warm-up rounds of one phase (the fixed ones, then up to {@code extraWarmups} more while
   * {@code warming}), then its repeats.
   */
  private <T> void phase(
      String name,
      Round<T> round,
      List<T> warm,
      List<T> measured,
      int extraWarmups,
      BooleanSupplier warming,
      Duration liveReserve)
      throws Exception {
    Duration last = Duration.ZERO;
    for (int w = 1; w <= config.warmups() + extraWarmups; w++) {
      if (w > config.warmups() && !warming.getAsBoolean()) {
        break;
      }
      if (!fits(last, liveReserve, input + name + " warm-up " + w)) {
        return;
      }
      long started = System.nanoTime();
      warm.add(round.run(input + "warm-up " + w + " (not counted)", input.strip() + "w" + w));
      last = Duration.ofNanos(System.nanoTime() - started);
    }
    for (int r = 1; r <= config.repeats(); r++) {
      if (!fits(last, liveReserve, input + name + " repeats " + r + ".." + config.repeats())) {
        return;
      }
      long started = System.nanoTime();
      measured.add(round.run(input + "repeat " + r, input.strip() + "r" + r));
      last = Duration.ofNanos(System.nanoTime() - started);
    }
  }

  /** Whether the job's last round spent at least the settled share of its CPU in the JIT. */
  private boolean stillCompiling() {
    List<JobThroughputRun.Result> rounds = warmup.job();
    if (rounds.isEmpty()) {
      return true;
    }
    double share = rounds.get(rounds.size() - 1).spent().jitShare();
    // Unknown (a JVM without the figures) counts as compiled: the fixed warm-ups still ran.
    return !Double.isNaN(share) && share * 100 >= config.settledJitPercent();
  }

  /** Whether a round that takes about {@code next} still leaves the live phases their time. */
  private boolean fits(Duration next, Duration liveReserve, String what) {
    Duration left = config.timeBudget().minus(Duration.ofNanos(System.nanoTime() - benchStarted));
    if (left.compareTo(next.plus(liveReserve)) >= 0) {
      return true;
    }
    log.printf(
        "skipping %s: %d s left of the time budget, a round takes %d s and the later phases"
            + " need %d s%n",
        what, left.toSeconds(), next.toSeconds(), liveReserve.toSeconds());
    return false;
  }

  private JobThroughputRun.Result jobRound(String label, String run) throws Exception {
    JobThroughputRun.Result j = jobRun.run(cluster, run, preload.totals());
    log.printf(
        "%s: job drained in %.2f s (%,.0f events/s, first output after %.2f s; CPU %.1f µs"
            + " per record, JIT %.0f %% of it; %,.0f bytes allocated per record; GC pauses %.2f"
            + " s)%s%n",
        label,
        j.seconds(),
        preload.records() / j.seconds(),
        j.startSeconds(),
        j.cpuMicrosPerRecord(preload.records()),
        100 * j.spent().jitShare(),
        j.allocatedBytesPerRecord(preload.records()),
        j.spent().gcSeconds(),
        j.matched() ? "" : " — totals DIFFER from the truth: " + j.detail());
    return j;
  }

  private CeilingRun.Result ceilingRound(String label) throws Exception {
    CeilingRun.Result c = ceilingRun.run();
    log.printf(
        "%s: ceiling read %,d records in %.2f s (%,.0f records/s)%n",
        label, c.records(), c.seconds(), c.eventsPerSecond());
    return c;
  }

  private SqlPeerRun.Result sqlRound(String label, String run) throws Exception {
    SqlPeerRun.Result s = sqlRun.run(cluster, run);
    log.printf(
        "%s: SQL peer drained in %.2f s (%,.0f events/s)%n",
        label, s.seconds(), preload.records() / s.seconds());
    return s;
  }

  BenchResult.Warmup warmup() {
    return warmup;
  }

  List<JobThroughputRun.Result> job() {
    return job;
  }

  List<CeilingRun.Result> ceiling() {
    return ceiling;
  }

  List<SqlPeerRun.Result> sql() {
    return sql;
  }
}
