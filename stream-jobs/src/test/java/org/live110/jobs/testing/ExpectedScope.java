package org.live110.jobs.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.live110.model.Kpi;

/** Independently computed figures of one scope. */
public final class ExpectedScope {
  public final long[] kpis = new long[Kpi.values().length];
  public final long[] today = new long[Kpi.values().length];
  public long gross;
  public long refunded;
  public long livestream;
  public long version;
  public long duplicates;

  public Map<String, Long> totals() {
    return asMap(kpis);
  }

  public Map<String, Long> todayMap() {
    return asMap(today);
  }

  private static Map<String, Long> asMap(long[] values) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Kpi k : Kpi.all()) {
      m.put(k.key(), values[k.ordinal()]);
    }
    return m;
  }
}
