package org.live110.reliability.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.live110.model.Kpi;
import org.live110.model.codec.RejectReason;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.ScopeSnapshot;
import org.live110.simulator.GroundTruth;

/**
 * Compares what the job published with the simulator's ground truth, figure by figure: every KPI of
 * every scope (all, both tiers, every county) and the dead letters by reason. An empty list means
 * exact.
 */
public final class TruthCheck {
  private TruthCheck() {}

  /** Every difference, e.g. {@code county:622921 orders: expected 12, job 11}. */
  public static List<String> differences(
      GroundTruth truth, Map<String, ScopeSnapshot> scopes, DeadLetterSummary deadLetters) {
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, Map<Kpi, Long>> scope : truth.totals().entrySet()) {
      ScopeSnapshot s = scopes.get(scope.getKey());
      for (Map.Entry<Kpi, Long> kpi : scope.getValue().entrySet()) {
        long actual = s == null ? 0 : s.total(kpi.getKey());
        if (actual != kpi.getValue()) {
          diffs.add(
              scope.getKey()
                  + " "
                  + kpi.getKey().key()
                  + ": expected "
                  + kpi.getValue()
                  + ", job "
                  + (s == null ? "(no snapshot)" : actual));
        }
      }
    }
    long expectedTotal = 0;
    for (Map.Entry<RejectReason, Long> e : truth.deadLetters().entrySet()) {
      expectedTotal += e.getValue();
      long actual =
          deadLetters == null ? 0 : deadLetters.byReason().getOrDefault(e.getKey().code(), 0L);
      if (actual != e.getValue()) {
        diffs.add(
            "deadLetters " + e.getKey().code() + ": expected " + e.getValue() + ", job " + actual);
      }
    }
    long actualTotal = deadLetters == null ? 0 : deadLetters.total();
    if (actualTotal != expectedTotal) {
      diffs.add("deadLetters total: expected " + expectedTotal + ", job " + actualTotal);
    }
    return diffs;
  }

  /**
   * Per KPI, the sum over counties of what the job has less than the truth (lost); only KPIs with a
   * loss appear, so an empty map means nothing was lost.
   */
  public static Map<String, Long> lost(GroundTruth truth, Map<String, ScopeSnapshot> scopes) {
    return gap(truth, scopes, true);
  }

  /** Per KPI, the sum over counties of what the job has more than the truth (counted twice). */
  public static Map<String, Long> countedTwice(
      GroundTruth truth, Map<String, ScopeSnapshot> scopes) {
    return gap(truth, scopes, false);
  }

  private static Map<String, Long> gap(
      GroundTruth truth, Map<String, ScopeSnapshot> scopes, boolean below) {
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<String, Map<Kpi, Long>> scope : truth.totals().entrySet()) {
      if (!scope.getKey().startsWith("county:")) {
        continue;
      }
      ScopeSnapshot s = scopes.get(scope.getKey());
      for (Map.Entry<Kpi, Long> kpi : scope.getValue().entrySet()) {
        long actual = s == null ? 0 : s.total(kpi.getKey());
        long d = below ? kpi.getValue() - actual : actual - kpi.getValue();
        if (d > 0) {
          out.merge(kpi.getKey().key(), d, Long::sum);
        }
      }
    }
    return out;
  }
}
