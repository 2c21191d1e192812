package org.live110.model.output;

import java.time.Instant;
import java.util.Map;
import org.live110.model.Kpi;
import org.live110.model.plan.KpiProgress;

/**
 * The absolute state of one scope, as the stream job writes it to the compacted progress topic
 * (key: the scope) and the dashboard serves it. A reader keeps, per scope, the snapshot for which
 * {@link #supersedes} holds; with that rule no figure it shows ever goes backwards, even though the
 * job may re-send older states after a failure (at-least-once output).
 *
 * @param scope {@code all}, {@code tier:core}, {@code tier:radiating} or {@code county:<code>}
 * @param version grows with every fact counted in the scope (the number of counted events)
 * @param asOf the campaign clock (watermark) the figures are complete up to
 * @param totals every KPI by its contract name; {@code salesFen} = grossSalesFen - refundedFen
 * @param grossSalesFen Σ amount of distinct paid orders (never decreases)
 * @param refundedFen Σ refunds (never decreases)
 * @param livestreamSalesFen Σ amount of distinct paid orders sold in a livestream
 * @param day the campaign-clock day (Asia/Shanghai) that {@code today} covers, ISO yyyy-MM-dd
 * @param today the KPIs counted for events of {@code day}; reset at 00:00 Asia/Shanghai
 * @param targets the annual target of every KPI that has one in this scope
 * @param progress per KPI: value against target, expected progress, pace, projection, rate needed
 * @param duplicates duplicate events (an eventId seen before) dropped in this scope
 * @param emittedAt wall-clock time the job emitted this snapshot (for latency measurement)
 */
public record ScopeSnapshot(
    String scope,
    long version,
    Instant asOf,
    Map<String, Long> totals,
    long grossSalesFen,
    long refundedFen,
    long livestreamSalesFen,
    String day,
    Map<String, Long> today,
    Map<String, Long> targets,
    Map<String, KpiProgress> progress,
    long duplicates,
    Instant emittedAt) {

  public long total(Kpi kpi) {
    return totals.getOrDefault(kpi.key(), 0L);
  }

  /**
   * Whether this snapshot should replace {@code current} for a reader: it is newer — a higher
   * version, or the same version on a later campaign clock (only the clock moved: expected
   * progress, pace, the midnight reset of {@code today}) — and no never-decreasing figure is lower.
   * A state re-sent after a failure can have a higher version than what the reader holds yet lack a
   * few events the reader has already seen (inputs replay in a different interleaving); such a
   * state is held back until the job has caught up. The clock itself is not required to grow: a
   * restored job's watermark restarts and, with inputs far out of event-time order, may never reach
   * the old one again, which would hold every later snapshot back forever.
   */
  public boolean supersedes(ScopeSnapshot current) {
    if (current == null) {
      return true;
    }
    if (version < current.version) {
      return false;
    }
    if (version == current.version && !asOf.isAfter(current.asOf)) {
      return false;
    }
    if (grossSalesFen < current.grossSalesFen
        || refundedFen < current.refundedFen
        || livestreamSalesFen < current.livestreamSalesFen
        || duplicates < current.duplicates) {
      return false;
    }
    for (Kpi kpi : Kpi.all()) {
      if (kpi.neverDecreases() && total(kpi) < current.total(kpi)) {
        return false;
      }
    }
    return true;
  }
}
