package org.live110.bench;

import java.util.Iterator;
import org.live110.model.Topics;

/** Where the bench's input records come from: a simulated campaign year in arrival order. */
public interface FeedSource {
  /**
   * A seeded simulated year of about {@code events} clean events (plus the simulator's default
   * faults) routed to {@code topics}, in arrival order.
   */
  Iterator<FeedRecord> year(long events, long seed, Topics topics);
}
