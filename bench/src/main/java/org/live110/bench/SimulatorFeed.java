package org.live110.bench;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.live110.model.Topics;
import org.live110.model.registry.CountyRegistry;
import org.live110.simulator.SimRecord;
import org.live110.simulator.SimulationOptions;
import org.live110.simulator.gen.CampaignYear;

/**
 * The bench's input: the simulator's own seeded generator ({@link CampaignYear}) with its default
 * realistic mix and fault rates, scaled to the requested number of clean events.
 */
public final class SimulatorFeed implements FeedSource {
  private final CountyRegistry registry;

  public SimulatorFeed(CountyRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Iterator<FeedRecord> year(long events, long seed, Topics topics) {
    CampaignYear year =
        new CampaignYear(
            SimulationOptions.defaults(seed, registry).withEvents(events).withTopics(topics));
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return year.hasNext();
      }

      @Override
      public FeedRecord next() {
        SimRecord r = year.next();
        byte[] key = r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8);
        return new FeedRecord(r.topic(), key, r.value(), r.pacingMillis());
      }
    };
  }
}
