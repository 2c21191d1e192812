/**
 * The campaign's KPIs as the pages show them, and the plan's 9 annual targets (section 三(四)):
 * which KPI, in which scope. Kept in step with model's Kpi enum and annual-targets.csv.
 */
export const KPI_KEYS = [
  'exposure', 'reads', 'posts', 'salesFen', 'orders',
  'shops', 'products', 'trainees', 'households', 'livestreams',
];

/** KPIs whose total can only grow (all but net sales, which a refund lowers). */
export function neverDecreases(kpi) {
  return kpi !== 'salesFen';
}

/** The 9 annual targets of the plan, in the plan's order. */
export const PLAN_TARGETS = [
  { kpi: 'exposure', scope: 'tier:core' },
  { kpi: 'salesFen', scope: 'tier:core' },
  { kpi: 'shops', scope: 'tier:radiating' },
  { kpi: 'products', scope: 'tier:radiating' },
  { kpi: 'salesFen', scope: 'tier:radiating' },
  { kpi: 'trainees', scope: 'all' },
  { kpi: 'posts', scope: 'all' },
  { kpi: 'reads', scope: 'all' },
  { kpi: 'households', scope: 'all' },
];

/** Pace thresholds of model's PaceStatus: ratio = progress / expected. */
export const PACE_AHEAD = 1.1;
export const PACE_ON_TRACK = 0.95;
export const PACE_BEHIND = 0.8;

/** The pace status key for a progress against the expected progress (as PaceStatus.of). */
export function paceOf(progress, expected) {
  if (progress === null || progress === undefined) return 'none';
  if (progress >= 1) return 'ahead';
  if (!(expected > 0)) return 'on_track';
  const ratio = progress / expected;
  if (ratio >= PACE_AHEAD) return 'ahead';
  if (ratio >= PACE_ON_TRACK) return 'on_track';
  if (ratio >= PACE_BEHIND) return 'behind';
  return 'at_risk';
}

export const PACE_COLORS = {
  ahead: '#2ee59d',
  on_track: '#3d9bff',
  behind: '#ffb020',
  at_risk: '#ff4d5e',
  none: '#7784a6',
};

/** The expected progress (elapsed fraction of the year) as the server computed it, or null. */
export function expectedOf(scopes) {
  for (const s of Object.values(scopes || {})) {
    for (const p of Object.values((s && s.progress) || {})) {
      if (p && typeof p.expected === 'number') return p.expected;
    }
  }
  return null;
}
