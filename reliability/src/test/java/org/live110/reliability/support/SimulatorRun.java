package org.live110.reliability.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.live110.simulator.Simulation;
import org.live110.simulator.SimulationOptions;
import org.live110.simulator.SimulationResult;
import org.live110.simulator.Sink;

/**
 * A simulator run on its own thread into a {@link RecordingSink} (the real Kafka sink behind it).
 * {@link #await} returns the result and fails the test if the simulation failed.
 */
public final class SimulatorRun {
  private final Simulation simulation;
  private final CompletableFuture<SimulationResult> result = new CompletableFuture<>();

  private SimulatorRun(Simulation simulation) {
    this.simulation = simulation;
  }

  /** Starts playing {@code options} at {@code speedup} (campaign seconds per wall second). */
  public static SimulatorRun start(SimulationOptions options, double speedup, RecordingSink sink) {
    return start(options, speedup, sink, Long.MAX_VALUE);
  }

  /**
   * As {@link #start(SimulationOptions, double, RecordingSink)}, but the simulator stops (as if
   * killed) once the sink has sent {@code stopAfterSent} records in all.
   */
  public static SimulatorRun start(
      SimulationOptions options, double speedup, RecordingSink sink, long stopAfterSent) {
    SimulatorRun run = new SimulatorRun(new Simulation(options, speedup));
    sink.afterSend(
        n -> {
          if (n >= stopAfterSent) {
            run.simulation.stop();
          }
        });
    Thread t =
        new Thread(
            () -> {
              try {
                run.result.complete(run.simulation.run(sink, null));
              } catch (Throwable e) {
                run.result.completeExceptionally(e);
              }
            },
            "reliability-simulator");
    t.setDaemon(true);
    t.start();
    return run;
  }

  /** Plays into any sink (e.g. a {@link ShufflingSink} in front of a recording sink). */
  public static SimulatorRun start(SimulationOptions options, double speedup, Sink sink) {
    SimulatorRun run = new SimulatorRun(new Simulation(options, speedup));
    Thread t =
        new Thread(
            () -> {
              try {
                run.result.complete(run.simulation.run(sink, null));
              } catch (Throwable e) {
                run.result.completeExceptionally(e);
              }
            },
            "reliability-simulator");
    t.setDaemon(true);
    t.start();
    return run;
  }

  public Simulation simulation() {
    return simulation;
  }

  public boolean isDone() {
    return result.isDone();
  }

  public SimulationResult await(long seconds)
      throws InterruptedException, ExecutionException, TimeoutException {
    return result.get(seconds, TimeUnit.SECONDS);
  }
}
