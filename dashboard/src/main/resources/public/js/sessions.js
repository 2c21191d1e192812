/**
 * Livestream sessions as tables show them: duration on the campaign clock and a stable sort by any
 * column. Pure functions.
 */

function ms(v) {
  const t = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/**
 * Seconds from start to end (ended sessions) or to the campaign clock (live ones, never before the
 * session's newest event); falls back to the server's durationSeconds.
 */
export function sessionDuration(s, asOf) {
  const start = ms(s.startedAt);
  if (start === null) return s.durationSeconds ?? 0;
  let end = s.status === 'live' ? Math.max(ms(asOf) ?? 0, ms(s.lastEventAt) ?? 0) : ms(s.endedAt) ?? ms(s.lastEventAt);
  if (end === null) return s.durationSeconds ?? 0;
  return Math.max(0, Math.floor((end - start) / 1000));
}

/** The value a column sorts by. */
export function sortValue(s, key, ctx) {
  switch (key) {
    case 'county':
      return s.countyName || (ctx.countyNames && ctx.countyNames.get(s.countyCode)) || s.countyCode || '';
    case 'host':
      return s.hostId || '';
    case 'title':
      return s.title || '';
    case 'duration':
      return sessionDuration(s, ctx.asOf);
    default:
      return Number(s[key]) || 0;
  }
}

/** Sorted copy; ties broken by session id so rows never jitter. */
export function sortSessions(list, key, dir, ctx = {}) {
  const sign = dir === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => {
    const va = sortValue(a, key, ctx);
    const vb = sortValue(b, key, ctx);
    let c = typeof va === 'string' ? va.localeCompare(vb, 'zh-CN') : va - vb;
    if (c === 0) c = a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0;
    return c * sign;
  });
}

/** Whether a column is text (sorts ascending first) or a number (descending first). */
export function isTextColumn(key) {
  return key === 'county' || key === 'host' || key === 'title';
}
