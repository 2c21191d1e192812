/**
 * Ranks counties by mean completion: for every KPI with a county target, value/target capped at
 * 1 (a target met counts as complete, so one runaway KPI cannot hide the others), averaged.
 * Pure: registry + scopes in, ordered rows out.
 */
import { paceOf, expectedOf } from './kpis.js';

/** Mean completion of one scope snapshot, or null when it has no targets. */
export function meanCompletion(scope) {
  if (!scope || !scope.targets) return null;
  let sum = 0;
  let n = 0;
  for (const [kpi, target] of Object.entries(scope.targets)) {
    if (!(target > 0)) continue;
    const value = (scope.totals && scope.totals[kpi]) || 0;
    sum += Math.min(1, Math.max(0, value / target));
    n += 1;
  }
  return n === 0 ? null : sum / n;
}

/**
 * @param counties registry rows {code,name,tier,...}
 * @param scopes the `scopes` map of /api/progress
 * @returns rows {code,name,tier,completion,pace,salesFen,rank,tierRank} best first; ties by code
 */
export function rankCounties(counties, scopes) {
  const expected = expectedOf(scopes);
  const rows = (counties || []).map((c) => {
    const s = scopes ? scopes[`county:${c.code}`] : null;
    const completion = meanCompletion(s) ?? 0;
    return {
      code: c.code,
      name: c.name,
      tier: c.tier,
      province: c.province,
      completion,
      pace: paceOf(completion, expected),
      salesFen: (s && s.totals && s.totals.salesFen) || 0,
    };
  });
  rows.sort((a, b) => b.completion - a.completion || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const perTier = {};
  rows.forEach((r, i) => {
    r.rank = i + 1;
    perTier[r.tier] = (perTier[r.tier] || 0) + 1;
    r.tierRank = perTier[r.tier];
  });
  return rows;
}
