/**
 * Livestream alerts for the monitor: a live session with no order for N minutes, and viewers
 * collapsing (now at most half the highest count seen within the last 5 minutes). Time is the
 * campaign clock (event time), so replays and compressed demo years behave like real ones.
 *
 * `observe` keeps a small history per live session (bounded: samples older than the window are
 * dropped, ended sessions forgotten); `computeAlerts` is a pure function of sessions + history.
 */
const MINUTE = 60000;

export const DEFAULT_ALERT_OPTIONS = {
  noOrderMinutes: 10,
  dropWindowMinutes: 5,
  dropRatio: 0.5,
  minViewersForDrop: 20,
};

function ms(v) {
  const t = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/** Records what is new about each live session into `history` (a Map), and prunes it. */
export function observe(history, sessions, options = DEFAULT_ALERT_OPTIONS) {
  const keep = new Set();
  for (const s of sessions) {
    if (s.status !== 'live') continue;
    keep.add(s.sessionId);
    const at = ms(s.lastEventAt) ?? ms(s.startedAt);
    let h = history.get(s.sessionId);
    if (!h) {
      // Unknown past: a session that has orders is assumed to have sold at its last event (no
      // false alarm on page load); one without has had none since it started.
      h = { orders: s.orders, lastOrderAt: s.orders > 0 ? at : ms(s.startedAt), samples: [] };
      history.set(s.sessionId, h);
    } else if (s.orders > h.orders) {
      h.orders = s.orders;
      h.lastOrderAt = at;
    }
    const last = h.samples[h.samples.length - 1];
    if (at !== null && (!last || last.t !== at || last.v !== s.viewersOnline)) {
      if (last && last.t === at) h.samples.pop();
      h.samples.push({ t: at, v: s.viewersOnline });
    }
    const horizon = (at ?? 0) - options.dropWindowMinutes * MINUTE;
    while (h.samples.length > 1 && h.samples[0].t < horizon) h.samples.shift();
    if (h.samples.length > 64) h.samples.splice(0, h.samples.length - 64);
  }
  for (const id of history.keys()) if (!keep.has(id)) history.delete(id);
  return history;
}

/**
 * @returns alerts {sessionId, kind:'no_order'|'viewer_drop', severity, minutes|dropPct, session}
 *   most severe first
 */
export function computeAlerts(sessions, history, asOf, options = DEFAULT_ALERT_OPTIONS) {
  const now = ms(asOf);
  const out = [];
  for (const s of sessions) {
    if (s.status !== 'live') continue;
    const h = history.get(s.sessionId);
    const started = ms(s.startedAt);
    const clock = Math.max(now ?? 0, ms(s.lastEventAt) ?? 0);
    const lastOrderAt = h ? h.lastOrderAt : s.orders > 0 ? null : started;
    if (lastOrderAt !== null && started !== null) {
      const quiet = clock - lastOrderAt;
      if (quiet >= options.noOrderMinutes * MINUTE && clock - started >= options.noOrderMinutes * MINUTE) {
        out.push({ sessionId: s.sessionId, kind: 'no_order', severity: 1, minutes: Math.floor(quiet / MINUTE), session: s });
      }
    }
    if (h && h.samples.length > 1) {
      let max = 0;
      for (const p of h.samples) if (p.t >= clock - options.dropWindowMinutes * MINUTE) max = Math.max(max, p.v);
      if (max >= options.minViewersForDrop && s.viewersOnline <= max * options.dropRatio) {
        out.push({
          sessionId: s.sessionId,
          kind: 'viewer_drop',
          severity: 2,
          dropPct: Math.round((1 - s.viewersOnline / max) * 100),
          session: s,
        });
      }
    }
  }
  out.sort((a, b) => b.severity - a.severity || (b.minutes ?? b.dropPct) - (a.minutes ?? a.dropPct));
  return out;
}
