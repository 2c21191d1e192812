package org.live110.reliability.support;

import org.live110.model.codec.EventParser;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.CountyRegistry;
import org.live110.simulator.FaultRates;
import org.live110.simulator.GroundTruth;
import org.live110.simulator.KafkaSink;
import org.live110.simulator.SimulationOptions;

/** The seeded simulated year the job tests play, and a recording sink into a broker for it. */
public final class Campaign {
  /** Campaign seconds per wall second that play a whole year in about {@code seconds}. */
  public static double speedupFor(double seconds) {
    return 365.0 * 24 * 3600 / seconds;
  }

  public static final CountyRegistry REGISTRY = CountyRegistry.sample();

  private Campaign() {}

  /** A small year: {@code events} clean events, the given faults. */
  public static SimulationOptions year(long seed, long events, FaultRates faults) {
    return SimulationOptions.defaults(seed, REGISTRY).withEvents(events).withFaults(faults);
  }

  /** A sink into the broker that also counts the truth of what it sent. */
  public static RecordingSink sinkInto(String bootstrapServers, SimulationOptions options) {
    return new RecordingSink(
        new KafkaSink(bootstrapServers, 2 << 20),
        GroundTruth.forOptions(options),
        new EventParser(REGISTRY, new CampaignCalendar(options.year()), options.maxRecordBytes()));
  }

  /** Closes quietly (the test's outcome is the interesting failure). */
  public static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // Cleanup after the assertions; nothing to add to the test's result.
    }
  }
}
