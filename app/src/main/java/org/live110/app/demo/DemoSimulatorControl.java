package org.live110.app.demo;

import java.util.function.Supplier;
import org.live110.dashboard.SimulatorControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the dashboard's admin endpoints stop and restart the demo's simulator. A restarted simulator
 * continues the year where the committed records end (see {@link DemoSimulator}), so stopping and
 * starting never loses or repeats an event. Closing it stops the simulator.
 */
public final class DemoSimulatorControl implements SimulatorControl, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSimulatorControl.class);

  private final Supplier<DemoSimulator> starter;
  private DemoSimulator running;

  /** {@code starter} starts a simulator that continues from the committed position. */
  public DemoSimulatorControl(Supplier<DemoSimulator> starter) {
    this.starter = starter;
  }

  @Override
  public synchronized Status start() {
    if (running == null || !running.isRunning()) {
      running = starter.get();
      LOG.info("Simulator started");
    }
    return status();
  }

  @Override
  public synchronized Status stop() {
    if (running != null) {
      try {
        running.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running = null;
      LOG.info("Simulator stopped");
    }
    return status();
  }

  @Override
  public synchronized Status status() {
    if (running == null) {
      return new Status(true, false, "stopped");
    }
    return new Status(true, running.isRunning(), running.progressLine());
  }

  @Override
  public void close() {
    stop();
  }
}
