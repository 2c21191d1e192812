package org.live110.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The smoke run: the whole bench on tiny sizes, checked for its report's shape, never timings. */
class BenchCommandTest {
  private static final Pattern SUMMARY =
      Pattern.compile(
          "events_per_s=(\\d+) ceiling_ratio=(\\d+\\.\\d\\d) sql_ratio=(\\d+\\.\\d\\d)"
              + " p99_ms=(\\d+) sse_p99_ms=(\\d+)");

  @TempDir Path work;

  /** Runs the bench command with {@code args} (and the test's work dir); its output, exit 0. */
  private String bench(String... args) {
    StringWriter text = new StringWriter();
    CommandLine cmd = new CommandLine(new BenchCommand());
    cmd.setOut(new PrintWriter(text, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--work-dir");
    all.add(work.toString());
    int exit = cmd.execute(all.toArray(String[]::new));
    assertThat(exit).as(text.toString()).isZero();
    return text.toString();
  }

  /** The report's row of {@code figure}. */
  private static String row(String out, String figure) {
    return out.lines().filter(l -> l.startsWith(figure)).findFirst().orElseThrow();
  }

  @Test
  void quickRunEndsWithTheSummaryLineOfFivePositiveFigures() {
    String out = bench("--quick");

    List<String> lines = out.lines().toList();
    String last = lines.get(lines.size() - 1);
    Matcher m = SUMMARY.matcher(last);
    assertThat(m.matches()).as(last).isTrue();
    assertThat(Long.parseLong(m.group(1))).as("events_per_s").isPositive();
    assertThat(Double.parseDouble(m.group(2))).as("ceiling_ratio").isPositive();
    assertThat(Double.parseDouble(m.group(3))).as("sql_ratio").isPositive();
    assertThat(Long.parseLong(m.group(4))).as("p99_ms").isPositive();
    assertThat(Long.parseLong(m.group(5))).as("sse_p99_ms").isNotNegative();
    assertThat(out)
        .contains("job events/s", "ceiling records/s", "SQL peer events/s", "latency ms")
        .contains("SSE delay ms", "dashboard heap after GC", "state after the whole year");
    assertThat(row(out, "peak: job events/s"))
        .contains("squeezed into 0.1 s of campaign time from 2019-11-11T20:00:00+08:00")
        .contains("totals = truth in 1/1");
    assertThat(out).contains("peak: ceiling records/s", "peak: ceiling ratio");
  }

  @Test
  void aWarmupRoundRunsFirstAndIsNotCounted() {
    String out = bench("--quick", "--warmups", "1", "--phases", "THROUGHPUT");

    assertThat(out.indexOf("warm-up 1 (not counted): job drained"))
        .as(out)
        .isNotNegative()
        .isLessThan(out.indexOf("repeat 1: job drained"));
    assertThat(row(out, "job events/s"))
        .contains("warm-up (not counted): ")
        .matches(".*\\s1\\s+totals = truth in 1/1.*");
  }

  @Test
  void jobOnlyWarmupsRunWhileTheJitIsBusyAndStopAtTheirBound() {
    // A settled share of 0 % is never reached: exactly the bound of 2 job-only rounds runs.
    String out =
        bench(
            "--quick",
            "--jit-warmups",
            "2",
            "--jit-settled",
            "0",
            "--phases",
            "THROUGHPUT,CEILING");

    assertThat(out)
        .containsOnlyOnce("warm-up 1 (not counted): job drained")
        .containsOnlyOnce("warm-up 2 (not counted): job drained")
        .doesNotContain("warm-up 3")
        .doesNotContain("(not counted): ceiling")
        .containsPattern(
            "CPU \\d+\\.\\d µs per record, JIT \\d+ % of it; [1-9][\\d,]* bytes allocated")
        .containsPattern("JIT [\\d–]+ % of it; [1-9][\\d,–]* bytes allocated per record");
    // The job's rounds first, back to back, then the ceiling's.
    assertThat(out.indexOf("warm-up 2 (not counted): job drained"))
        .isLessThan(out.indexOf("repeat 1: job drained"));
    assertThat(out.indexOf("repeat 1: job drained"))
        .isLessThan(out.indexOf("repeat 1: ceiling read"));
    assertThat(row(out, "job events/s")).matches(".*warm-up \\(not counted\\): [\\d,]+, [\\d,]+$");
  }

  @Test
  void quickMeansTinySizes() {
    BenchCommand c = new BenchCommand();
    new CommandLine(c).parseArgs("--quick", "--events", "5000000");
    BenchConfig config = c.config();
    assertThat(config.events()).isEqualTo(10_000);
    assertThat(config.repeats()).isEqualTo(1);
    assertThat(config.warmups()).isZero();
    assertThat(config.jitWarmups()).isZero();
    assertThat(config.sseClients()).isEqualTo(20);
    assertThat(config.phases()).containsExactlyInAnyOrder(BenchConfig.Phase.values());
  }

  @Test
  void defaultsAreTheFullRun() {
    BenchCommand c = new BenchCommand();
    new CommandLine(c).parseArgs();
    BenchConfig config = c.config();
    assertThat(config.events()).isEqualTo(2_500_000);
    assertThat(config.repeats()).isEqualTo(3);
    assertThat(config.warmups()).isEqualTo(1);
    assertThat(config.jitWarmups()).isEqualTo(5);
    assertThat(config.settledJitPercent()).isEqualTo(25);
    assertThat(config.sseClients()).isEqualTo(2_000);
    assertThat(config.latencyRate()).isEqualTo(10_000);
  }
}
