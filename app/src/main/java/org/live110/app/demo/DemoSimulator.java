package org.live110.app.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.live110.app.LauncherException;
import org.live110.model.codec.EventParser;
import org.live110.model.registry.CountyRegistry;
import org.live110.simulator.FaultRates;
import org.live110.simulator.GroundTruth;
import org.live110.simulator.Scenario;
import org.live110.simulator.Simulation;
import org.live110.simulator.SimulationOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator inside the demo: plays the campaign year into the demo's broker on a background
 * thread, continuing after a restart exactly where the committed records end (see {@link
 * TransactionalSink}). When the year is complete it writes the ground truth of the whole year to
 * the truth file, if one was asked for. Closing it stops the run and commits what was sent.
 */
public final class DemoSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoSimulator.class);

  /** Topic of the simulator's position; not an input of the job. */
  public static final String POSITION_TOPIC = "campaign.simulator";

  private static final Duration COMMIT_EVERY = Duration.ofMillis(250);

  private final Simulation simulation;
  private final Thread thread;
  private final long startPosition;

  private DemoSimulator(Simulation simulation, Thread thread, long startPosition) {
    this.simulation = simulation;
    this.thread = thread;
    this.startPosition = startPosition;
  }

  /** Starts the simulation thread; returns at once. */
  public static DemoSimulator start(
      DemoConfig config, DemoConfig.SimulatorSettings settings, String bootstrapServers) {
    CountyRegistry registry = config.counties();
    SimulationOptions defaults = SimulationOptions.defaults(settings.seed(), registry);
    long events = settings.events().orElse(SimulationOptions.DEFAULT_EVENTS);
    String identity = "seed " + settings.seed() + ", events " + events + ", year " + config.year();
    TransactionalSink sink;
    try {
      sink =
          TransactionalSink.open(
              bootstrapServers,
              POSITION_TOPIC,
              "110live-demo-simulator",
              identity,
              EventParser.DEFAULT_MAX_BYTES,
              COMMIT_EVERY);
    } catch (IllegalStateException e) {
      throw new LauncherException(e.getMessage(), e);
    }
    SimulationOptions options =
        new SimulationOptions(
            settings.seed(),
            events,
            config.year(),
            registry,
            config.topics(),
            FaultRates.DEFAULT,
            Scenario.DEFAULT,
            null,
            sink.startPosition(),
            defaults.maxRecordBytes());
    Simulation simulation = new Simulation(options, settings.speedup());
    GroundTruth truth = settings.truthFile().isPresent() ? GroundTruth.forOptions(options) : null;
    Thread thread =
        new Thread(
            () -> run(simulation, sink, truth, settings.truthFile()), "110live-demo-simulator");
    thread.setDaemon(true);
    if (sink.startPosition() > 0) {
      LOG.info("Simulator continues the year after record {}", sink.startPosition());
    }
    thread.start();
    return new DemoSimulator(simulation, thread, sink.startPosition());
  }

  private static void run(
      Simulation simulation, TransactionalSink sink, GroundTruth truth, Optional<Path> truthFile) {
    try (sink) {
      var result = simulation.run(sink, truth);
      if (!result.stopped()) {
        LOG.info("Simulator finished the year: {}", simulation.progress().line());
        if (truth != null && truthFile.isPresent()) {
          truth.write(truthFile.get());
          LOG.info("Ground truth written to {}", truthFile.get());
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("Simulator stopped: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records of the year already committed when this run started. */
  public long startPosition() {
    return startPosition;
  }

  /** Whether the simulation thread is still playing the year. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** One line about how far the simulator got. */
  public String progressLine() {
    return simulation.progress().line();
  }

  /** Stops the run and waits (bounded) for its last transaction to commit. */
  @Override
  public void close() throws InterruptedException {
    simulation.stop();
    thread.join(TimeUnit.SECONDS.toMillis(4));
    if (thread.isAlive()) {
      LOG.warn("Simulator did not stop within 4 s; its open transaction will be aborted");
    }
  }
}
