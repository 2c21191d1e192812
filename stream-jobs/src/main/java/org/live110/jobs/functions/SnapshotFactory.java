package org.live110.jobs.functions;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.live110.model.Kpi;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.KpiProgress;
import org.live110.model.plan.TargetBook;

/**
 * Builds the wire {@link ScopeSnapshot} of a scope from its absolute figures, joined with the
 * scope's targets and the campaign calendar at the campaign clock.
 */
public final class SnapshotFactory implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TargetBook targets;
  private final CampaignCalendar calendar;

  public SnapshotFactory(TargetBook targets, CampaignCalendar calendar) {
    this.targets = targets;
    this.calendar = calendar;
  }

  /** Figures of one scope; arrays are indexed by {@code Kpi.ordinal()}. */
  public ScopeSnapshot snapshot(
      String scope,
      long version,
      long[] kpis,
      long grossSalesFen,
      long refundedFen,
      long livestreamSalesFen,
      long duplicates,
      long day,
      long[] today,
      long asOfMillis) {
    Instant asOf = Instant.ofEpochMilli(asOfMillis);
    Map<Kpi, Long> scopeTargets = targets.targetsOf(scope);
    Map<String, Long> totals = new LinkedHashMap<>();
    Map<String, Long> todayMap = new LinkedHashMap<>();
    Map<String, Long> targetMap = new LinkedHashMap<>();
    Map<String, KpiProgress> progress = new LinkedHashMap<>();
    for (Kpi kpi : Kpi.all()) {
      long value = kpis[kpi.ordinal()];
      totals.put(kpi.key(), value);
      todayMap.put(kpi.key(), today[kpi.ordinal()]);
      Long target = scopeTargets.get(kpi);
      if (target != null) {
        targetMap.put(kpi.key(), target);
      }
      progress.put(kpi.key(), calendar.progress(value, target, asOf));
    }
    return new ScopeSnapshot(
        scope,
        version,
        asOf,
        totals,
        grossSalesFen,
        refundedFen,
        livestreamSalesFen,
        LocalDate.ofEpochDay(day).toString(),
        todayMap,
        targetMap,
        progress,
        duplicates,
        Instant.now());
  }
}
