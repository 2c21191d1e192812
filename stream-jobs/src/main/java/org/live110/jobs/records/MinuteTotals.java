package org.live110.jobs.records;

/**
 * One county's series contributions to one minute since its last emission (keyed state of {@code
 * CountyCounter}, sent as {@link SeriesFact}s).
 */
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
