package org.live110.jobs.records;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A counted event's contribution to the per-minute series of a shared scope (its county's tier, or
 * all), or, once {@code SeriesPreAggregator} has summed them, the contributions of several events
 * to one minute of that scope.
 */
@TypeInfo(SeriesFactSerializer.Factory.class)
public class SeriesFact {
  public String scope;

  /** The minute (or, for a single fact, any instant in it). */
  public long eventTime;

  /** How many counted events this aggregates (the bucket's version grows by it). */
  public long count = 1;

  public long salesFen;
  public long orders;
  public long exposure;
  public long reads;
  public long newViewers;

  public SeriesFact() {}

  public SeriesFact withScope(String s) {
    SeriesFact f = new SeriesFact();
    f.scope = s;
    f.eventTime = eventTime;
    f.count = count;
    f.salesFen = salesFen;
    f.orders = orders;
    f.exposure = exposure;
    f.reads = reads;
    f.newViewers = newViewers;
    return f;
  }

  @Override
  public String toString() {
    return "SeriesFact{" + scope + " @" + eventTime + "}";
  }
}
