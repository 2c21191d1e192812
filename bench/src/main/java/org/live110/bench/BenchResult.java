package org.live110.bench;

import java.util.List;
import java.util.Map;
import org.live110.model.Kpi;

/**
 * Every figure of one bench run, as measured (formatting is {@link BenchReport}'s job).
 *
 * @param preload what was preloaded and its truth
 * @param warmup rates of the unmeasured warm-up rounds (not in any figure)
 * @param job throughput repeats of the production job
 * @param ceiling repeats of the plain-consumer ceiling
 * @param sql repeats of the Flink SQL peer
 * @param latency the latency phase, or null when not run
 * @param fanout the fan-out phase, or null when not run
 */
public record BenchResult(
    Preloader.Result preload,
    Warmup warmup,
    List<JobThroughputRun.Result> job,
    List<CeilingRun.Result> ceiling,
    List<SqlPeerRun.Result> sql,
    LatencyRun.Result latency,
    FanoutRun.Result fanout) {

  /** Events (records) per second of each warm-up round of the job, the ceiling and the SQL peer. */
  public record Warmup(List<Double> job, List<Double> ceiling, List<Double> sql) {
    public Warmup() {
      this(new java.util.ArrayList<>(), new java.util.ArrayList<>(), new java.util.ArrayList<>());
    }

    /** "; warm-up (not counted): 45,909" for a report note, or "" without warm-up rounds. */
    static String note(List<Double> rates) {
      if (rates.isEmpty()) {
        return "";
      }
      StringBuilder s = new StringBuilder("; warm-up (not counted): ");
      for (int i = 0; i < rates.size(); i++) {
        s.append(i == 0 ? "" : ", ")
            .append(String.format(java.util.Locale.ROOT, "%,.0f", rates.get(i)));
      }
      return s.toString();
    }
  }

  /** Events per second of each job repeat (all preloaded records / drain time). */
  public Samples jobRates() {
    return Samples.of(job.stream().map(r -> preload.records() / r.seconds()).toList());
  }

  public Samples ceilingRates() {
    return Samples.of(ceiling.stream().map(r -> r.records() / r.seconds()).toList());
  }

  public Samples sqlRates() {
    return Samples.of(sql.stream().map(r -> preload.records() / r.seconds()).toList());
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
