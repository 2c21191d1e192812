package org.live110.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.live110.model.registry.CountyRegistry;
import org.live110.simulator.SimulationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./110live bench}: one command, one run, every figure side by side on this machine (see
 * {@link Benchmark}); prints a table and, last, {@code events_per_s=N ceiling_ratio=R sql_ratio=R
 * p99_ms=N sse_p99_ms=N}. Exit code 0 when the run completed (goals missed or not: it measures), 1
 * when it failed.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures throughput (job, plain-consumer ceiling, Flink SQL peer), produce-to-screen"
          + " latency, SSE fan-out and state size on this machine.",
      "Prints a table and last: events_per_s=N ceiling_ratio=R sql_ratio=R p99_ms=N sse_p99_ms=N"
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--events",
      description = "clean events of the preloaded simulated year (default ${DEFAULT-VALUE})")
  long events = SimulationOptions.DEFAULT_EVENTS;

  @Option(names = "--repeats", description = "throughput repeats (default ${DEFAULT-VALUE})")
  int repeats = 3;

  @Option(
      names = "--warmups",
      description =
          "unmeasured throughput rounds before the repeats, for the JIT (default ${DEFAULT-VALUE})")
  int warmups = 1;

  @Option(
      names = "--jit-warmups",
      description =
          "at most this many further unmeasured rounds of the job alone while the JIT takes"
              + " --jit-settled % or more of a round's CPU (default ${DEFAULT-VALUE})")
  int jitWarmups = 5;

  @Option(
      names = "--jit-settled",
      description =
          "the JIT's share of a job round's CPU, in percent, below which the job counts as"
              + " compiled (default ${DEFAULT-VALUE})")
  int settledJitPercent = 25;

  @Option(
      names = "--quick",
      description =
          "a smoke run on tiny sizes (10,000 events, 1 repeat, 2,000 events/s, 20 SSE clients, 3 s phases)")
  boolean quick;

  @Option(names = "--seed", description = "simulator seed (default ${DEFAULT-VALUE})")
  long seed = 7;

  @Option(
      names = "--parallelism",
      description = "Flink parallelism / ceiling threads (default: cores)")
  Integer parallelism;

  @Option(
      names = "--checkpoint-interval",
      description = "checkpoint interval of every job (default ${DEFAULT-VALUE})")
  Duration checkpointInterval = Duration.ofSeconds(2);

  @Option(
      names = "--peak-rate",
      description =
          "events per campaign second of the peak phase: the year's records squeezed into the"
              + " campaign time a live peak of this rate takes (default ${DEFAULT-VALUE})")
  long peakRate = 200_000;

  @Option(
      names = "--rate",
      description = "steady events/s of the latency phase (default ${DEFAULT-VALUE})")
  int rate = 10_000;

  @Option(
      names = "--latency-seconds",
      description = "latency measuring time (default ${DEFAULT-VALUE})")
  int latencySeconds = 30;

  @Option(names = "--sse-clients", description = "fan-out SSE clients (default ${DEFAULT-VALUE})")
  int sseClients = 2_000;

  @Option(
      names = "--fanout-seconds",
      description = "fan-out measuring time (default ${DEFAULT-VALUE})")
  int fanoutSeconds = 30;

  @Option(
      names = "--dashboard-heap",
      description = "-Xmx of the fan-out dashboard JVM (default ${DEFAULT-VALUE})")
  String dashboardHeap = "512m";

  @Option(names = "--work-dir", description = "broker log and checkpoints (default: the temp dir)")
  Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "live110-bench");

  @Option(
      names = "--time-budget",
      description =
          "the run ends within this; throughput repeats that would not fit are skipped"
              + " (default ${DEFAULT-VALUE})")
  Duration timeBudget = Duration.ofMinutes(19);

  @Option(
      names = "--phases",
      split = ",",
      description = "phases to run: ${COMPLETION-CANDIDATES} (default: all)")
  Set<BenchConfig.Phase> phases = EnumSet.allOf(BenchConfig.Phase.class);

  /** Whether the command line named {@code option} (a quick run keeps only those). */
  private boolean explicit(String option) {
    return spec != null
        && spec.commandLine().getParseResult() != null
        && spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** The settings these options stand for. */
  public BenchConfig config() {
    int cores = Runtime.getRuntime().availableProcessors();
    if (quick) {
      return new BenchConfig(
          10_000,
          explicit("--warmups") ? warmups : 0,
          explicit("--jit-warmups") ? jitWarmups : 0,
          settledJitPercent,
          1,
          seed,
          parallelism == null ? cores : parallelism,
          checkpointInterval,
          peakRate,
          2_000,
          Duration.ofSeconds(3),
          20,
          Duration.ofSeconds(3),
          dashboardHeap,
          workDir,
          timeBudget,
          phases);
    }
    return new BenchConfig(
        events,
        warmups,
        jitWarmups,
        settledJitPercent,
        repeats,
        seed,
        parallelism == null ? cores : parallelism,
        checkpointInterval,
        peakRate,
        rate,
        Duration.ofSeconds(latencySeconds),
        sseClients,
        Duration.ofSeconds(fanoutSeconds),
        dashboardHeap,
        workDir,
        timeBudget,
        phases);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    BenchConfig c = config();
    BenchResult r =
        new Benchmark(
                c, new SimulatorFeed(CountyRegistry.sample()), InProcessDashboard.starter(), out)
            .run();
    for (String line : BenchReport.lines(r, machine(c))) {
      out.println(line);
    }
    out.flush();
    return 0;
  }

  private static String machine(BenchConfig c) {
    return String.format(
        "%d cores, %,d MB heap max, %s %s, parallelism %d, checkpoints every %s",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        c.parallelism(),
        c.checkpointInterval());
  }
}
