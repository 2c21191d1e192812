package org.live110.simulator;

import java.util.function.BooleanSupplier;

/**
 * Paces records in wall time by their campaign time: at speed-up X, one wall second carries X
 * campaign seconds. The first record anchors both clocks; a record whose campaign time is earlier
 * than one already paced (a late event) goes at once. The clock is injectable so that tests check
 * the pacing without sleeping.
 */
public final class Pacer {
  /** Campaign seconds per wall second that play a whole year in about ten minutes. */
  public static final double DEFAULT_SPEEDUP = 365.0 * 24 * 3600 / 600;

  /** A wall clock that can wait. */
  public interface Clock {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;

    /** The system clock. */
    static Clock system() {
      return new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      };
    }
  }

  private static final long MAX_SLICE_NANOS = 100_000_000L;

  private final double speedup;
  private final Clock clock;
  private final BooleanSupplier stopped;
  private long anchorCampaignMillis = Long.MIN_VALUE;
  private long anchorWallNanos;
  private long maxCampaignMillis = Long.MIN_VALUE;

  /**
   * @param speedup campaign seconds per wall second; {@code Double.POSITIVE_INFINITY} = no pacing
   * @param stopped checked between sleep slices, so a stop request ends a long wait promptly
   */
  public Pacer(double speedup, Clock clock, BooleanSupplier stopped) {
    if (!(speedup > 0)) {
      throw new IllegalArgumentException("speed-up must be positive");
    }
    this.speedup = speedup;
    this.clock = clock;
    this.stopped = stopped;
  }

  /** No pacing at all. */
  public static Pacer unpaced() {
    return new Pacer(Double.POSITIVE_INFINITY, Clock.system(), () -> false);
  }

  public boolean paced() {
    return !Double.isInfinite(speedup);
  }

  /** Waits until the record with this campaign time is due. */
  public void pace(long campaignMillis) throws InterruptedException {
    if (!paced() || campaignMillis == Long.MIN_VALUE) {
      return;
    }
    if (anchorCampaignMillis == Long.MIN_VALUE) {
      anchorCampaignMillis = campaignMillis;
      anchorWallNanos = clock.nanoTime();
    }
    if (campaignMillis <= maxCampaignMillis) {
      return;
    }
    maxCampaignMillis = campaignMillis;
    long dueNanos =
        anchorWallNanos + (long) ((campaignMillis - anchorCampaignMillis) * 1_000_000.0 / speedup);
    long wait;
    while ((wait = dueNanos - clock.nanoTime()) > 0 && !stopped.getAsBoolean()) {
      clock.sleepNanos(Math.min(wait, MAX_SLICE_NANOS));
    }
  }
}
