package org.live110.reliability.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.live110.simulator.SimRecord;
import org.live110.simulator.Sink;

/**
 * Bounded disorder: holds the last {@code window} records and sends a random one of them (seeded)
 * each time a new one comes in, so no record moves more than {@code window} places.
 */
public final class ShufflingSink implements Sink {
  private final Sink target;
  private final int window;
  private final Random random;
  private final List<SimRecord> held = new ArrayList<>();

  public ShufflingSink(Sink target, int window, long seed) {
    this.target = target;
    this.window = window;
    this.random = new Random(seed);
  }

  @Override
  public void send(SimRecord r) throws IOException {
    held.add(r);
    if (held.size() > window) {
      target.send(held.remove(random.nextInt(held.size())));
    }
  }

  @Override
  public void flush() throws IOException {
    while (!held.isEmpty()) {
      target.send(held.remove(random.nextInt(held.size())));
    }
    target.flush();
  }

  @Override
  public long acknowledged() {
    return target.acknowledged();
  }

  @Override
  public void close() throws IOException {
    flush();
    target.close();
  }
}
