package org.live110.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.live110.model.Kpi;

/**
 * Every figure of one bench run, as measured (formatting is {@link BenchReport}'s job).
 *
 * @param preload what was preloaded and its truth
 * @param warmup the unmeasured warm-up rounds (not in any figure)
 * @param job throughput repeats of the production job
 * @param ceiling repeats of the plain-consumer ceiling
 * @param sql repeats of the Flink SQL peer
 * @param latency the latency phase, or null when not run
 * @param fanout the fan-out phase, or null when not run
 * @param peak the peak phase, or null when not run
 */
public record BenchResult(
    Preloader.Result preload,
    Warmup warmup,
    List<JobThroughputRun.Result> job,
    List<CeilingRun.Result> ceiling,
    List<SqlPeerRun.Result> sql,
    LatencyRun.Result latency,
    FanoutRun.Result fanout,
    Peak peak) {

  /** The warm-up rounds of the job, the ceiling and the SQL peer, kept like the repeats. */
  public record Warmup(
      List<JobThroughputRun.Result> job,
      List<CeilingRun.Result> ceiling,
      List<SqlPeerRun.Result> sql) {
    public Warmup() {
      this(new java.util.ArrayList<>(), new java.util.ArrayList<>(), new java.util.ArrayList<>());
    }
  }

  /**
   * The job and the ceiling on the peak input: the same year with its event times squeezed into
   * {@code window} of campaign time from {@code start} ({@link PeakFeed}).
   *
   * @param eventsPerSecond the peak's rate: clean events per campaign second of the input
   */
  public record Peak(
      Instant start,
      Duration window,
      long eventsPerSecond,
      Preloader.Result preload,
      Warmup warmup,
      List<JobThroughputRun.Result> job,
      List<CeilingRun.Result> ceiling) {

    public Samples jobRates() {
      return Samples.of(jobRateList(job));
    }

    public Samples ceilingRates() {
      return Samples.of(ceilingRateList(ceiling));
    }

    List<Double> jobRateList(List<JobThroughputRun.Result> runs) {
      return BenchResult.jobRateList(preload.records(), runs);
    }
  }

  /** Events per second of each job repeat (all preloaded records / drain time). */
  public Samples jobRates() {
    return Samples.of(jobRateList(job));
  }

  public Samples ceilingRates() {
    return Samples.of(ceilingRateList(ceiling));
  }

  public Samples sqlRates() {
    return Samples.of(sqlRateList(sql));
  }

  /** Events per second of each of {@code runs}, in order. */
  List<Double> jobRateList(List<JobThroughputRun.Result> runs) {
    return jobRateList(preload.records(), runs);
  }

  /** {@code records} over the drain time of each of {@code runs}, in order. */
  static List<Double> jobRateList(long records, List<JobThroughputRun.Result> runs) {
    return runs.stream().map(r -> records / r.seconds()).toList();
  }

  /** Records per second of each of {@code runs}, in order. */
  static List<Double> ceilingRateList(List<CeilingRun.Result> runs) {
    return runs.stream().map(r -> r.records() / r.seconds()).toList();
  }

  /** Events per second of each of {@code runs}, in order. */
  List<Double> sqlRateList(List<SqlPeerRun.Result> runs) {
    return runs.stream().map(r -> preload.records() / r.seconds()).toList();
  }

  /** KPIs where the SQL peer's campaign-wide total differs from the truth, with both values. */
  public Map<Kpi, long[]> sqlDifferences(SqlPeerRun.Result r) {
    Map<Kpi, long[]> diff = new java.util.EnumMap<>(Kpi.class);
    for (Kpi k : Kpi.all()) {
      long want = preload.totals().all().get(k);
      long got = r.all().getOrDefault(k, 0L);
      if (want != got) {
        diff.put(k, new long[] {want, got});
      }
    }
    return diff;
  }
}
