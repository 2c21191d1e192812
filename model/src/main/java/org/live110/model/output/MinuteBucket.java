package org.live110.model.output;

import java.time.Instant;

/**
 * One minute of one scope's trend, absolute (not an increment): re-sending it is harmless. Written
 * to the series topic keyed by {@link #key()}; a reader keeps the highest version per key.
 *
 * @param minute the first instant of the minute (event time)
 * @param version grows with every fact counted in the bucket
 * @param newViewers Σ newViewers of live_stats in the minute
 */
public record MinuteBucket(
    String scope,
    Instant minute,
    long version,
    long salesFen,
    long orders,
    long exposure,
    long reads,
    long newViewers) {

  public String key() {
    return scope + "@" + minute.toEpochMilli();
  }
}
