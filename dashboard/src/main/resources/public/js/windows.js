/**
 * Window arithmetic over per-minute series: the last N minutes against the N before, and the
 * latest points for a chart. Pure functions over the store's ascending point arrays.
 */
const MINUTE = 60000;

/** A store point's minute in epoch ms (the store's cached `_t`, else parsed). */
export function timeOf(p) {
  return p._t ?? Date.parse(p.minute);
}

/**
 * Sums `fields` over (end-N, end] and (end-2N, end-N], where `end` is the newest minute present
 * (or `endMs`). Returns {current:{field:sum}, previous:{...}, change:{field: ratio|null}}.
 */
export function compareWindows(points, minutes = 30, fields = ['salesFen', 'orders', 'newViewers'], endMs) {
  const current = {};
  const previous = {};
  for (const f of fields) {
    current[f] = 0;
    previous[f] = 0;
  }
  const list = points || [];
  if (list.length === 0) return { current, previous, change: Object.fromEntries(fields.map((f) => [f, null])) };
  const end = endMs ?? timeOf(list[list.length - 1]);
  const cut1 = end - minutes * MINUTE;
  const cut2 = end - 2 * minutes * MINUTE;
  for (let i = list.length - 1; i >= 0; i--) {
    const t = timeOf(list[i]);
    if (t <= cut2) break;
    if (t > end) continue;
    const into = t > cut1 ? current : previous;
    for (const f of fields) into[f] += Number(list[i][f]) || 0;
  }
  const change = {};
  for (const f of fields) change[f] = previous[f] > 0 ? (current[f] - previous[f]) / previous[f] : null;
  return { current, previous, change };
}

/** The points within the last `minutes` before the newest one (inclusive). */
export function lastMinutes(points, minutes) {
  const list = points || [];
  if (list.length === 0) return [];
  const end = timeOf(list[list.length - 1]);
  const from = end - (minutes - 1) * MINUTE;
  let i = list.length;
  while (i > 0 && timeOf(list[i - 1]) >= from) i--;
  return list.slice(i);
}
