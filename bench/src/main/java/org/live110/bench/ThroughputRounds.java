package org.live110.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The throughput part of the bench, in rounds over the same preloaded records, in this order:
 *
 * <ol>
 *   <li>{@link BenchConfig#warmups} warm-up rounds of every throughput phase (job, ceiling, SQL
 *       peer): printed, not counted;
 *   <li>then up to {@link BenchConfig#jitWarmups} more warm-up rounds of the job alone, while the
 *       JIT is still compiling: a round in which compilation took {@link
 *       BenchConfig#settledJitPercent} (25 by default) % of the CPU or more is followed by another.
 *       A long-running job runs compiled code; on this machine's 2 cores the job's code is compiled
 *       over its first four or five runs of the year (JIT 60 % → 20 % of the CPU, 22.6 → 9.4 µs per
 *       record; BENCHMARKS.md, "The JIT"), so a fixed single warm-up round measured a job still
 *       being compiled;
 *   <li>{@link BenchConfig#repeats} measured rounds of every phase.
 * </ol>
 *
 * A round that would not leave the live phases their time within the budget is skipped, and the log
 * says so.
 */
final class ThroughputRounds {
  private final BenchConfig config;
  private final BenchCluster cluster;
  private final JobThroughputRun jobRun;
  private final CeilingRun ceilingRun;
  private final SqlPeerRun sqlRun;
  private final Preloader.Result preload;
  private final PrintWriter log;
  private final long benchStarted;

  private final BenchResult.Warmup warmup = new BenchResult.Warmup();
  private final List<JobThroughputRun.Result> job = new ArrayList<>();
  private final List<CeilingRun.Result> ceiling = new ArrayList<>();
  private final List<SqlPeerRun.Result> sql = new ArrayList<>();

  /** How long the last round of every phase, and of the job alone, took (for the time budget). */
  private Duration fullRound = Duration.ZERO;

  private Duration jobRound = Duration.ZERO;

  ThroughputRounds(
      BenchConfig config,
      BenchCluster cluster,
      JobThroughputRun jobRun,
      CeilingRun ceilingRun,
      SqlPeerRun sqlRun,
      Preloader.Result preload,
      PrintWriter log,
      long benchStarted) {
    this.config = config;
    this.cluster = cluster;
    this.jobRun = jobRun;
    this.ceilingRun = ceilingRun;
    this.sqlRun = sqlRun;
    this.preload = preload;
    this.log = log;
    this.benchStarted = benchStarted;
  }

  /** Runs every round that fits the time budget, leaving {@code liveReserve} for later phases. */
  void run(Duration liveReserve) throws Exception {
    int warm = 0;
    for (int i = 1; i <= config.warmups(); i++) {
      if (!fits(fullRound, liveReserve, "warm-up round " + i)) {
        return;
      }
      warm++;
      round("warm-up " + warm + " (not counted)", "w" + warm, true, true);
    }
    if (config.runs(BenchConfig.Phase.THROUGHPUT)) {
      for (int i = 1; i <= config.jitWarmups() && stillCompiling(); i++) {
        if (!fits(jobRound, liveReserve, "a further warm-up round of the job")) {
          break;
        }
        warm++;
        round("warm-up " + warm + " (not counted, job only)", "w" + warm, true, false);
      }
    }
    for (int r = 1; r <= config.repeats(); r++) {
      if (!fits(fullRound, liveReserve, "repeats " + r + ".." + config.repeats())) {
        return;
      }
      round("repeat " + r, "r" + r, false, true);
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
        "skipping %s: %d s left of the time budget, a round takes %d s and the live phases need"
            + " %d s%n",
        what, left.toSeconds(), next.toSeconds(), liveReserve.toSeconds());
    return false;
  }

  private void round(String label, String run, boolean warm, boolean everyPhase) throws Exception {
    long started = System.nanoTime();
    if (config.runs(BenchConfig.Phase.THROUGHPUT)) {
      JobThroughputRun.Result j = jobRun.run(cluster, run, preload.totals());
      (warm ? warmup.job() : job).add(j);
      log.printf(
          "%s: job drained in %.2f s (%,.0f events/s, first output after %.2f s; CPU %.1f µs"
              + " per record, JIT %.0f %% of it)%s%n",
          label,
          j.seconds(),
          preload.records() / j.seconds(),
          j.startSeconds(),
          j.cpuMicrosPerRecord(preload.records()),
          100 * j.spent().jitShare(),
          j.matched() ? "" : " — totals DIFFER from the truth: " + j.detail());
      jobRound = Duration.ofNanos(System.nanoTime() - started);
    }
    if (!everyPhase) {
      return;
    }
    if (config.runs(BenchConfig.Phase.CEILING)) {
      CeilingRun.Result c = ceilingRun.run();
      (warm ? warmup.ceiling() : ceiling).add(c);
      log.printf(
          "%s: ceiling read %,d records in %.2f s (%,.0f records/s)%n",
          label, c.records(), c.seconds(), c.eventsPerSecond());
    }
    if (config.runs(BenchConfig.Phase.SQL)) {
      SqlPeerRun.Result s = sqlRun.run(cluster, run);
      (warm ? warmup.sql() : sql).add(s);
      log.printf(
          "%s: SQL peer drained in %.2f s (%,.0f events/s)%n",
          label, s.seconds(), preload.records() / s.seconds());
    }
    fullRound = Duration.ofNanos(System.nanoTime() - started);
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
