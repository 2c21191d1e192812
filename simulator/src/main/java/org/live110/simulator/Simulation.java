package org.live110.simulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.live110.simulator.gen.CampaignYear;

/**
 * The in-process simulator: plays a {@link CampaignYear} into a {@link Sink}, paced at a speed-up,
 * optionally counting the {@link GroundTruth} of what it produced. {@link #run} returns when the
 * year is done or {@link #stop()} is called from another thread; {@link #progress()} may be read at
 * any time. One run per instance.
 *
 * <pre>{@code
 * Simulation sim = new Simulation(SimulationOptions.defaults(7, registry), Pacer.DEFAULT_SPEEDUP);
 * try (Sink sink = new KafkaSink("localhost:9092", 1 << 20)) {
 *   sim.run(sink, null); // blocks; sim.stop() from another thread ends it early
 * }
 * }</pre>
 */
public final class Simulation {
  private final SimulationOptions options;
  private final double speedup;
  private final Pacer.Clock clock;
  private volatile boolean stopRequested;
  private volatile SimulationProgress progress = new SimulationProgress(0, 0, null, 0, false);
  private Consumer<SimulationProgress> listener;
  private Duration listenerEvery = Duration.ofSeconds(5);
  private boolean started;

  /**
   * @param speedup campaign seconds per wall second ({@link Pacer#DEFAULT_SPEEDUP}: a year in ten
   *     minutes; {@code Double.POSITIVE_INFINITY}: as fast as possible)
   */
  public Simulation(SimulationOptions options, double speedup) {
    this(options, speedup, Pacer.Clock.system());
  }

  /** With an injectable clock, for tests. */
  public Simulation(SimulationOptions options, double speedup, Pacer.Clock clock) {
    this.options = Objects.requireNonNull(options);
    this.speedup = speedup;
    this.clock = clock;
  }

  /** Calls {@code listener} with a progress snapshot about every {@code every} of wall time. */
  public Simulation onProgress(Consumer<SimulationProgress> listener, Duration every) {
    this.listener = listener;
    this.listenerEvery = every;
    return this;
  }

  /** Asks a running simulation to stop after the current record; safe from any thread. */
  public void stop() {
    stopRequested = true;
  }

  public SimulationProgress progress() {
    return progress;
  }

  public SimulationOptions options() {
    return options;
  }

  /**
   * Produces the year into the sink (flushing it at the end, not closing it).
   *
   * @param truth counts every produced record (and the records skipped by {@code skipRecords}, so
   *     that a resumed run's truth covers the whole year); null for none
   */
  public SimulationResult run(Sink sink, GroundTruth truth)
      throws IOException, InterruptedException {
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("a Simulation runs once");
      }
      started = true;
    }
    long startNanos = clock.nanoTime();
    long nextReport = startNanos + listenerEvery.toNanos();
    CampaignYear year = new CampaignYear(options);
    Pacer pacer = new Pacer(speedup, clock, () -> stopRequested);
    long startMillis = options.start() == null ? Long.MIN_VALUE : options.start().toEpochMilli();
    long index = 0;
    long produced = 0;
    long campaignMillis = Long.MIN_VALUE;
    while (!stopRequested && year.hasNext()) {
      SimRecord r = year.next();
      index++;
      if (index <= options.skipRecords()) {
        if (truth != null) {
          truth.accept(r.value());
        }
        continue;
      }
      if (r.pacingMillis() < startMillis) {
        continue;
      }
      pacer.pace(r.pacingMillis());
      if (stopRequested) {
        break;
      }
      sink.send(r);
      if (truth != null) {
        truth.accept(r.value());
      }
      produced++;
      campaignMillis = Math.max(campaignMillis, r.pacingMillis());
      if ((produced & 255) == 0 || pacer.paced()) {
        long now = clock.nanoTime();
        progress = snapshot(sink, produced, campaignMillis, now - startNanos, false);
        if (listener != null && now >= nextReport) {
          listener.accept(progress);
          nextReport = now + listenerEvery.toNanos();
        }
      }
    }
    sink.flush();
    long elapsed = clock.nanoTime() - startNanos;
    progress = snapshot(sink, produced, campaignMillis, elapsed, true);
    if (listener != null) {
      listener.accept(progress);
    }
    return new SimulationResult(
        produced,
        year.cleanEvents(),
        year.recordsByFault(),
        year.badRecordsByIntent(),
        Duration.ofNanos(elapsed),
        stopRequested);
  }

  private static SimulationProgress snapshot(
      Sink sink, long produced, long campaignMillis, long elapsedNanos, boolean done) {
    return new SimulationProgress(
        produced,
        sink.acknowledged(),
        campaignMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(campaignMillis),
        elapsedNanos > 0 ? produced * 1e9 / elapsedNanos : 0,
        done);
  }
}
