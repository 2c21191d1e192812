package org.live110.jobs.records;

import java.util.Arrays;
import org.live110.model.Kpi;

/**
 * The absolute figures of one county: its keyed state in the counter and the record the counter
 * sends to the roll-up. KPI values are indexed by {@link Kpi#ordinal()}.
 */
public class CountyTotals {
  public String countyCode;

  /** KPI totals by {@code Kpi.ordinal()}; salesFen = grossSalesFen - refundedFen. */
  public long[] kpis = new long[Kpi.values().length];

  public long grossSalesFen;
  public long refundedFen;
  public long livestreamSalesFen;

  /**
   * Grows with every event that changed a figure of the snapshot: counted events plus dropped
   * duplicates (so a reader's {@code supersedes} also takes a snapshot whose only change is the
   * duplicate count).
   */
  public long version;

  /** Events not counted because they were counted before (same eventId or distinct id). */
  public long duplicates;

  /** The campaign-clock day (epoch day, Asia/Shanghai) {@link #today} covers. */
  public long day;

  /** KPIs of the events of {@link #day}, by {@code Kpi.ordinal()}. */
  public long[] today = new long[Kpi.values().length];

  /**
   * The counter's watermark when it sent these figures (epoch millis; 0 in state and in the start
   * signal). The roll-up never shows a campaign clock beyond what a counter has reported: its own
   * watermark alone jumps to the end of time when every counter input goes idle, because the
   * finished start signal then is the only active input.
   */
  public long clock;

  public CountyTotals() {}

  public static CountyTotals empty(String countyCode) {
    CountyTotals t = new CountyTotals();
    t.countyCode = countyCode;
    return t;
  }

  public long get(Kpi kpi) {
    return kpis[kpi.ordinal()];
  }

  public CountyTotals copy() {
    CountyTotals c = new CountyTotals();
    c.countyCode = countyCode;
    c.kpis = kpis.clone();
    c.grossSalesFen = grossSalesFen;
    c.refundedFen = refundedFen;
    c.livestreamSalesFen = livestreamSalesFen;
    c.version = version;
    c.duplicates = duplicates;
    c.day = day;
    c.today = today.clone();
    c.clock = clock;
    return c;
  }

  @Override
  public String toString() {
    return "CountyTotals{"
        + countyCode
        + " v"
        + version
        + " kpis="
        + Arrays.toString(kpis)
        + " dup="
        + duplicates
        + " day="
        + day
        + " today="
        + Arrays.toString(today)
        + "}";
  }
}
