package org.live110.jobs.records;

/** Keyed state of one minute of one scope's series (see {@code MinuteSeries}). */
public class MinuteTotals {
  public long version;
  public long salesFen;
  public long orders;
  public long exposure;
  public long reads;
  public long newViewers;

  public MinuteTotals() {}

  public void add(SeriesFact f) {
    version += f.count;
    salesFen += f.salesFen;
    orders += f.orders;
    exposure += f.exposure;
    reads += f.reads;
    newViewers += f.newViewers;
  }
}
