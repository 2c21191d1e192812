package org.live110.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.live110.model.Kpi;
import org.live110.model.codec.EventWriter;

/**
 * Formats a {@link BenchResult}: a table of every figure with its spread, the state section, and
 * last the one summary line {@code events_per_s=N ceiling_ratio=R sql_ratio=R p99_ms=N
 * sse_p99_ms=N} (a phase that did not run shows 0).
 */
public final class BenchReport {
  private BenchReport() {}

  /** The whole report, summary line last. */
  public static List<String> lines(BenchResult r, String machine) {
    List<String> out = new ArrayList<>();
    Preloader.Result p = r.preload();
    ExpectedTotals.Totals t = p.totals();
    out.add("110 Live bench — " + machine);
    out.add(
        f(
            "input: %,d records preloaded (%,d MB): %,d counted events, %,d duplicates, %,d dead"
                + " letters",
            p.records(), p.bytes() >> 20, t.counted(), t.duplicates(), t.deadLetterTotal()));
    out.add("");
    out.add(
        f(
            "%-26s %14s %25s %8s %5s  %s",
            "figure", "median", "min .. max", "spread", "runs", "note"));
    Samples job = r.jobRates();
    Samples ceiling = r.ceilingRates();
    Samples sql = r.sqlRates();
    if (!job.isEmpty()) {
      out.add(
          rate(
              "job events/s",
              job,
              jobNote(r.job(), p.records()) + warmupNote(r.jobRateList(r.warmup().job()))));
    }
    if (!ceiling.isEmpty()) {
      out.add(
          rate(
              "ceiling records/s",
              ceiling,
              "plain KafkaConsumer + EventParser, no state"
                  + warmupNote(BenchResult.ceilingRateList(r.warmup().ceiling()))));
    }
    if (!sql.isEmpty()) {
      StringBuilder note = new StringBuilder();
      for (SqlPeerRun.Result s : r.sql()) {
        Map<Kpi, long[]> d = r.sqlDifferences(s);
        if (!d.isEmpty()) {
          note.append("differs:");
          d.forEach(
              (k, v) ->
                  note.append(' ')
                      .append(k.key())
                      .append(' ')
                      .append(v[1])
                      .append(" vs truth ")
                      .append(v[0]));
          break;
        }
      }
      out.add(
          rate(
              "SQL peer events/s",
              sql,
              (note.length() == 0 ? "totals = truth in every run" : note.toString())
                  + warmupNote(r.sqlRateList(r.warmup().sql()))));
    }
    if (!job.isEmpty() && !ceiling.isEmpty()) {
      out.add(
          f(
              "%-26s %14.2f %25s %8s %5s  %s",
              "ceiling ratio (job/ceil)",
              job.median() / ceiling.median(),
              "",
              "",
              "",
              "goal >= 0.5"));
    }
    if (!job.isEmpty() && !sql.isEmpty()) {
      out.add(
          f(
              "%-26s %14.2f %25s %8s %5s  %s",
              "SQL ratio (job/SQL)", job.median() / sql.median(), "", "", "", "goal >= 1.5"));
    }
    if (r.peak() != null) {
      out.addAll(peakLines(r.peak()));
    }
    if (r.latency() != null) {
      out.add(
          percentiles(
              "latency ms p50/p99/p99.9",
              r.latency().millis(),
              f("produce -> SSE, markers lost: %d; goal p99 <= 500", r.latency().missing())));
    }
    if (r.fanout() != null) {
      out.addAll(fanoutLines(r.fanout()));
    }
    state(r, out);
    out.add("");
    out.add(summary(r));
    return out;
  }

  /** What a job row says besides its rate: exactness, start-up, CPU, JIT and allocation. */
  private static String jobNote(List<JobThroughputRun.Result> runs, long records) {
    long matched = runs.stream().filter(JobThroughputRun.Result::matched).count();
    double start =
        runs.stream()
            .mapToDouble(JobThroughputRun.Result::startSeconds)
            .average()
            .orElse(Double.NaN);
    return f(
        "totals = truth in %d/%d; deploy-to-first-output %.1f s (included); CPU %s µs per record,"
            + " JIT %s %% of it; %s bytes allocated per record",
        matched,
        runs.size(),
        start,
        range(runs, j -> j.cpuMicrosPerRecord(records), "%.1f"),
        range(runs, j -> 100 * j.spent().jitShare(), "%.0f"),
        range(runs, j -> j.allocatedBytesPerRecord(records), "%,.0f"));
  }

  /**
   * The peak phase's rows: the job and the ceiling on the year squeezed to a live peak's density,
   * their ratio, and whether the job drains faster than such a peak arrives.
   */
  static List<String> peakLines(BenchResult.Peak pk) {
    List<String> out = new ArrayList<>();
    Samples job = pk.jobRates();
    Samples ceiling = pk.ceilingRates();
    String input =
        f(
            "the same records with event times squeezed into %.1f s of campaign time from %s"
                + " (%,d events per campaign second)",
            pk.window().toMillis() / 1000.0,
            EventWriter.formatTime(pk.start()),
            pk.eventsPerSecond());
    if (!job.isEmpty()) {
      out.add(
          rate(
              "peak: job events/s",
              job,
              input
                  + "; "
                  + jobNote(pk.job(), pk.preload().records())
                  + warmupNote(pk.jobRateList(pk.warmup().job()))));
    }
    if (!ceiling.isEmpty()) {
      out.add(
          rate(
              "peak: ceiling records/s",
              ceiling,
              "the ceiling on the peak input"
                  + warmupNote(BenchResult.ceilingRateList(pk.warmup().ceiling()))));
    }
    if (!job.isEmpty() && !ceiling.isEmpty()) {
      out.add(
          f(
              "%-26s %14.2f %25s %8s %5s  %s",
              "peak: ceiling ratio",
              job.median() / ceiling.median(),
              "",
              "",
              "",
              f(
                  "goal >= 0.5; the job drains %.2f times as fast as a live peak of %,d events/s"
                      + " arrives (the summary's ratio is the year's)",
                  job.median() / pk.eventsPerSecond(), pk.eventsPerSecond())));
    }
    pk.job().stream()
        .flatMap(j -> j.finalCheckpoint().stream())
        .reduce((first, second) -> second)
        .ifPresent(
            c -> {
              Map.Entry<String, Long> largest =
                  c.perTask().entrySet().stream()
                      .max(Map.Entry.comparingByValue())
                      .orElse(Map.entry("-", 0L));
              out.add(
                  f(
                      "state after the peak (checkpoint %d): %,d bytes = %,.0f bytes per counted"
                          + " event (every event id of the peak is inside the dedup retention);"
                          + " the largest task %s: %,d bytes",
                      c.id(),
                      c.stateBytes(),
                      (double) c.stateBytes() / Math.max(1, pk.preload().totals().counted()),
                      clip(largest.getKey()),
                      largest.getValue()));
            });
    return out;
  }

  /** "min–max" of a figure over the repeats, formatted with {@code format}. */
  private static String range(
      List<JobThroughputRun.Result> runs,
      ToDoubleFunction<JobThroughputRun.Result> figure,
      String format) {
    double min = runs.stream().mapToDouble(figure).min().orElse(Double.NaN);
    double max = runs.stream().mapToDouble(figure).max().orElse(Double.NaN);
    String lo = f(format, min);
    String hi = f(format, max);
    return lo.equals(hi) ? lo : lo + "–" + hi;
  }

  /** "; warm-up (not counted): 45,909" for a rate row's note, or "" without warm-up rounds. */
  private static String warmupNote(List<Double> rates) {
    if (rates.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("; warm-up (not counted): ");
    for (int i = 0; i < rates.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(f("%,.0f", rates.get(i)));
    }
    return s.toString();
  }

  /** A row of p50/p99/p99.9 milliseconds, their range and their count. */
  private static String percentiles(String figure, Samples ms, String note) {
    return f(
        "%-26s %14s %25s %8s %5d  %s",
        figure,
        f("%.0f/%.0f/%.0f", ms.median(), ms.percentile(99), ms.percentile(99.9)),
        f("%.0f .. %.0f", ms.min(), ms.max()),
        "",
        ms.count(),
        note);
  }

  /**
   * The fan-out figures: delays, the dashboard's memory, what the clients cost, who had the CPU.
   */
  public static List<String> fanoutLines(FanoutRun.Result fo) {
    List<String> out = new ArrayList<>();
    out.add(
        percentiles(
            "SSE delay ms p50/p99/p99.9",
            fo.delayMillis(),
            f(
                "%d/%d clients connected, %d refused, %d failed to connect, %d dropped, %d held"
                    + " by the dashboard; clients open %s (as the wall page); goal p99 <= 1000%s",
                fo.connected(),
                fo.clients(),
                fo.refused(),
                fo.failed(),
                fo.dropped(),
                fo.held(),
                java.net.URLDecoder.decode(fo.stream(), java.nio.charset.StandardCharsets.UTF_8),
                fo.note().isEmpty() ? "" : "; " + fo.note())));
    out.add(
        f(
            "%-26s %14s %25s %8s %5s  %s",
            "dashboard heap after GC",
            f("%,d MB", fo.heapBytes() >> 20),
            "",
            "",
            "",
            f(
                "-Xmx%s, %d SSE clients connected; goal <= 512 MB; direct buffers %,d MB,"
                    + " %d threads",
                fo.maxHeap(), fo.connected(), fo.directBytes() >> 20, fo.dashboardThreads())));
    out.add(
        f(
            "%-26s %14s %25s %8s %5s  %s",
            "SSE clients' own cost",
            f("%.2f cores", fo.readerCpuShare()),
            "",
            "",
            "",
            f(
                "%d reader threads in the bench JVM took %,.0f MB/s in the window (data MB/s: %s);"
                    + " series KB/s per client: %,.0f, of every scope (1 reference client without"
                    + " a subscription): %,.0f",
                fo.readerThreads(),
                fo.windowBytes() / 1e6 / Math.max(fo.windowSeconds(), 1e-9),
                perEvent(fo),
                fo.windowDataBytes().getOrDefault("series", 0L)
                    / 1e3
                    / Math.max(fo.windowSeconds(), 1e-9)
                    / Math.max(fo.connected(), 1),
                fo.referenceWindowDataBytes().getOrDefault("series", 0L)
                    / 1e3
                    / Math.max(fo.windowSeconds(), 1e-9))));
    FanoutRun.CpuShares cpu = fo.cpu();
    out.add(
        f(
            "%-26s %14s %25s %8s %5s  %s",
            "CPU in the fan-out window",
            f("%.2f cores", cpu.dashboard()),
            "",
            "",
            "",
            f(
                "the dashboard; the bench JVM %.2f (the clients, and in the live phase the job,"
                    + " broker and load); the machine %.2f of %d busy",
                cpu.bench(), cpu.machine(), cpu.cores())));
    return out;
  }

  private static String perEvent(FanoutRun.Result fo) {
    StringBuilder b = new StringBuilder();
    fo.windowDataBytes()
        .forEach(
            (event, bytes) ->
                b.append(b.length() == 0 ? "" : ", ")
                    .append(event)
                    .append(' ')
                    .append(f("%,.0f", bytes / 1e6 / Math.max(fo.windowSeconds(), 1e-9))));
    return b.toString();
  }

  private static void state(BenchResult r, List<String> out) {
    JobThroughputRun.Result last = null;
    for (JobThroughputRun.Result j : r.job()) {
      if (j.finalCheckpoint().isPresent()) {
        last = j;
      }
    }
    if (last == null) {
      return;
    }
    ExpectedTotals.Totals t = r.preload().totals();
    BenchCluster.CheckpointSample c = last.finalCheckpoint().get();
    out.add("");
    out.add(
        f(
            "state after the whole year (checkpoint %d): %,d bytes = %,.0f bytes per distinct id"
                + " (%,d ids kept for the campaign: orders, shops, products, posts, households,"
                + " livestreams) = %,.0f bytes per counted event",
            c.id(),
            c.stateBytes(),
            (double) c.stateBytes() / Math.max(1, t.distinctIds()),
            t.distinctIds(),
            (double) c.stateBytes() / Math.max(1, t.counted())));
    c.perTask()
        .forEach(
            (task, bytes) -> {
              if (bytes > 0) {
                out.add(f("  %-60s %,14d bytes", clip(task), bytes));
              }
            });
    JobThroughputRun.StatePoint peak =
        last.growth().stream()
            .max(java.util.Comparator.comparingLong(g -> g.checkpoint().stateBytes()))
            .orElseThrow();
    out.add(
        f(
            "peak during the year: %,d bytes at campaign clock %s (dedup ids within the"
                + " retention, per-minute buckets of the last 24 h, open sessions, timers)",
            peak.checkpoint().stateBytes(), peak.asOf()));
    out.add(
        "state growth over the simulated year (last repeat; checkpoint bytes vs the all"
            + " snapshot's version):");
    List<JobThroughputRun.StatePoint> g = last.growth();
    int step = Math.max(1, g.size() / 8);
    for (int i = 0; i < g.size(); i += step) {
      line(out, g.get(i));
    }
    if ((g.size() - 1) % step != 0) {
      line(out, g.get(g.size() - 1));
    }
  }

  private static void line(List<String> out, JobThroughputRun.StatePoint s) {
    out.add(
        f(
            "  campaign clock %-26s version %,12d  state %,14d bytes",
            s.asOf(), s.counted(), s.checkpoint().stateBytes()));
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** The one-line summary of the issue. */
  public static String summary(BenchResult r) {
    Samples job = r.jobRates();
    Samples ceiling = r.ceilingRates();
    Samples sql = r.sqlRates();
    double eps = job.isEmpty() ? 0 : job.median();
    double ceilingRatio = job.isEmpty() || ceiling.isEmpty() ? 0 : eps / ceiling.median();
    double sqlRatio = job.isEmpty() || sql.isEmpty() ? 0 : eps / sql.median();
    double p99 =
        r.latency() == null || r.latency().millis().isEmpty()
            ? 0
            : r.latency().millis().percentile(99);
    double sseP99 =
        r.fanout() == null || r.fanout().delayMillis().isEmpty()
            ? 0
            : r.fanout().delayMillis().percentile(99);
    return f(
        "events_per_s=%d ceiling_ratio=%.2f sql_ratio=%.2f p99_ms=%d sse_p99_ms=%d",
        Math.round(eps), ceilingRatio, sqlRatio, Math.round(p99), Math.round(sseP99));
  }

  private static String rate(String name, Samples s, String note) {
    return f(
        "%-26s %,14.0f %25s %7.0f%% %5d  %s",
        name,
        s.median(),
        f("%,.0f .. %,.0f", s.min(), s.max()),
        s.relativeSpread() * 100,
        s.count(),
        note);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
