package org.live110.simulator;

import java.util.ArrayList;
import java.util.List;
import org.live110.model.registry.CountyRegistry;
import org.live110.simulator.gen.CampaignYear;

/** Shared fixtures: small simulated years for tests. */
final class Years {
  static final CountyRegistry REGISTRY = CountyRegistry.sample();

  /** A small year: 20,000 clean events, default faults. */
  static final SimulationOptions SMALL = SimulationOptions.defaults(7, REGISTRY).withEvents(20_000);

  private Years() {}

  static List<SimRecord> records(SimulationOptions options) {
    List<SimRecord> out = new ArrayList<>();
    new CampaignYear(options).forEachRemaining(out::add);
    return out;
  }

  /** A sink that keeps records in memory, stamping each with a fake clock's time. */
  static class ListSink implements Sink {
    final List<SimRecord> records = new ArrayList<>();
    final List<Long> sentAtNanos = new ArrayList<>();
    private final Pacer.Clock clock;

    ListSink(Pacer.Clock clock) {
      this.clock = clock;
    }

    ListSink() {
      this(null);
    }

    @Override
    public void send(SimRecord record) {
      records.add(record);
      sentAtNanos.add(clock == null ? 0 : clock.nanoTime());
    }

    @Override
    public void flush() {}

    @Override
    public long acknowledged() {
      return records.size();
    }

    @Override
    public void close() {}
  }

  /** A clock that only moves when slept on. */
  static final class FakeClock implements Pacer.Clock {
    long now = 1_000_000_000L;
    long sleeps;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
      sleeps++;
    }
  }
}
