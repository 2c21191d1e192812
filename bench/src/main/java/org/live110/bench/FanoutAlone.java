package org.live110.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The SSE fan-out without the rest of the bench: a {@link SyntheticDashboard} in its own JVM (every
 * scope changes every 100 ms) and the bench's SSE clients, nothing else — to tell the dashboard's
 * fan-out capacity from the CPU the live phase leaves it. Arguments (all optional): clients
 * (2,000), seconds measured (30), the dashboard's -Xmx (512m).
 *
 * <pre>java -cp ... org.live110.bench.FanoutAlone 2000 30 512m</pre>
 */
public final class FanoutAlone {
  private FanoutAlone() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    String heap = args.length > 2 ? args[2] : "512m";
    System.out.printf(
        Locale.ROOT,
        "SSE fan-out alone: %d clients, %d s, dashboard -Xmx%s, synthetic feed (every scope"
            + " every %d ms), %d cores%n",
        clients,
        seconds,
        heap,
        SyntheticDashboard.PERIOD_MILLIS,
        Runtime.getRuntime().availableProcessors());
    FanoutRun.Result r =
        new FanoutRun()
            .runSynthetic(clients, Duration.ofSeconds(5), Duration.ofSeconds(seconds), heap);
    BenchReport.fanoutLines(r).forEach(System.out::println);
    System.out.printf(
        Locale.ROOT,
        "progress frames per client per second: %.2f%n",
        r.frames() / (double) clients / r.windowSeconds());
  }
}
