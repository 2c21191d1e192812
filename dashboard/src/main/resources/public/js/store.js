/**
 * The pages' single source of data: an EventSource on /api/stream whose events (snapshot,
 * progress, sessions, series) are merged into one state object. It reconnects by itself with
 * backoff, reports the connection state and whether the data is stale, and notifies subscribers
 * at most every `notifyEveryMs` so a burst of events causes one render.
 *
 * Rules that keep the screen honest and the memory flat on a page left open for days:
 * - a scope snapshot only replaces the one held when its version is not lower (never backwards),
 *   except when the whole campaign was evidently reset (the `all` version falls below half);
 * - series are kept per scope only for `seriesScopes`, at most `maxSeriesPoints` points each,
 *   replaced by minute; the stream is opened with `?series=<seriesScopes>` so that the server
 *   sends only those scopes' points (see `streamUrl`);
 * - sessions: every live one, plus at most `maxEndedSessions` ended ones (newest first).
 */

export const DEFAULT_SERIES_SCOPES = ['all', 'tier:core', 'tier:radiating'];

/** The most scopes the server accepts in `series` (beyond it, the stream asks for every scope). */
export const MAX_STREAM_SERIES_SCOPES = 16;

/**
 * The stream URL asking only for the series of `scopes`: `?series=a,b` (URL-encoded), `none` when
 * empty, and no parameter (every scope) when there are more than the server accepts.
 */
export function streamUrl(base, scopes) {
  const list = [...scopes];
  if (list.length > MAX_STREAM_SERIES_SCOPES) return base;
  const value = list.length === 0 ? 'none' : list.join(',');
  return `${base}${base.includes('?') ? '&' : '?'}series=${encodeURIComponent(value)}`;
}

function minuteMs(point) {
  return Date.parse(point.minute);
}

/**
 * Merges points into an ascending series (replacing by minute) and trims it to `max` points.
 * Pure with respect to `incoming`; mutates and returns `series`.
 */
export function mergeSeries(series, incoming, max) {
  for (const p of incoming) {
    const t = minuteMs(p);
    if (!Number.isFinite(t)) continue;
    let i = series.length - 1;
    while (i >= 0 && series[i]._t > t) i--;
    const point = { ...p, _t: t };
    if (i >= 0 && series[i]._t === t) {
      series[i] = point;
    } else {
      series.splice(i + 1, 0, point);
    }
  }
  if (series.length > max) series.splice(0, series.length - max);
  return series;
}

/** Whether `next` may replace `current` for one scope (never backwards). */
export function acceptScope(current, next) {
  if (!current) return true;
  return (next.version ?? 0) >= (current.version ?? 0);
}

export function createStore(options = {}) {
  const opts = {
    url: '/api/stream',
    seriesScopes: DEFAULT_SERIES_SCOPES,
    maxSeriesPoints: 1440,
    maxEndedSessions: 200,
    staleAfterMs: 60000,
    silentReconnectMs: 180000,
    notifyEveryMs: 200,
    backoffMinMs: 1000,
    backoffMaxMs: 15000,
    now: () => Date.now(),
    ...options,
  };
  const seriesScopes = new Set(opts.seriesScopes);

  const state = {
    asOf: null,
    updatedAt: null,
    scopes: {},
    deadLetters: { total: 0, byReason: {} },
    sessions: new Map(),
    series: {},
    connection: 'connecting',
    stale: false,
    serverSaidStale: false,
    lastDataAt: 0,
    lastMessageAt: 0,
    lastEventId: null,
    snapshots: 0,
    resets: 0,
    // Bumped whenever that part of the state changed, so pages redraw only what changed.
    rev: { progress: 0, sessions: 0, series: 0 },
  };

  const listeners = new Set();
  let source = null;
  let attempt = 0;
  let reconnectTimer = null;
  let notifyTimer = null;
  let watchdog = null;
  let stopped = false;

  function notifySoon() {
    if (notifyTimer !== null) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = null;
      for (const fn of listeners) {
        try {
          fn(state);
        } catch (e) {
          // A broken panel must not stop the others or the stream.
          console.error('render failed', e);
        }
      }
    }, opts.notifyEveryMs);
  }

  function laterAsOf(a, b) {
    if (!a) return b;
    if (!b) return a;
    return Date.parse(b) >= Date.parse(a) ? b : a;
  }

  function applyScopes(scopes, replaceAll) {
    if (!scopes) return;
    const incomingAll = scopes.all;
    const heldAll = state.scopes.all;
    const reset =
      replaceAll &&
      incomingAll &&
      heldAll &&
      (incomingAll.version ?? 0) < (heldAll.version ?? 0) / 2;
    if (reset) {
      state.scopes = {};
      state.resets += 1;
    }
    for (const [scope, s] of Object.entries(scopes)) {
      if (acceptScope(state.scopes[scope], s)) state.scopes[scope] = s;
    }
    state.rev.progress += 1;
    return reset;
  }

  function applySessions(list, liveSnapshot) {
    if (!Array.isArray(list)) return;
    if (liveSnapshot) {
      // The snapshot lists every live session: one we still hold as live has ended meanwhile.
      const live = new Set(list.map((s) => s.sessionId));
      for (const [id, s] of state.sessions) {
        if (s.status === 'live' && !live.has(id)) state.sessions.delete(id);
      }
    }
    for (const s of list) {
      if (!s || !s.sessionId) continue;
      const held = state.sessions.get(s.sessionId);
      if (!held || (s.version ?? 0) >= (held.version ?? 0)) state.sessions.set(s.sessionId, s);
    }
    trimSessions();
    state.rev.sessions += 1;
  }

  function trimSessions() {
    const ended = [];
    for (const s of state.sessions.values()) if (s.status !== 'live') ended.push(s);
    if (ended.length <= opts.maxEndedSessions) return;
    ended.sort((a, b) => Date.parse(b.lastEventAt || 0) - Date.parse(a.lastEventAt || 0));
    for (const s of ended.slice(opts.maxEndedSessions)) state.sessions.delete(s.sessionId);
  }

  function applySeries(byScope, replace) {
    if (!byScope) return;
    for (const [scope, points] of Object.entries(byScope)) {
      if (!seriesScopes.has(scope) || !Array.isArray(points)) continue;
      if (replace || !state.series[scope]) state.series[scope] = [];
      mergeSeries(state.series[scope], points, opts.maxSeriesPoints);
    }
    state.rev.series += 1;
  }

  function onSnapshot(data) {
    const reset = applyScopes(data.scopes, true);
    state.asOf = reset ? data.asOf : laterAsOf(state.asOf, data.asOf);
    state.updatedAt = data.updatedAt ?? state.updatedAt;
    if (data.deadLetters) state.deadLetters = data.deadLetters;
    applySessions(data.sessions || [], true);
    applySeries(data.series, true);
    state.serverSaidStale = data.stale === true;
    state.snapshots += 1;
    state.lastDataAt = opts.now();
  }

  function onProgress(data) {
    applyScopes(data.scopes, false);
    state.asOf = laterAsOf(state.asOf, data.asOf);
    state.updatedAt = data.updatedAt ?? state.updatedAt;
    if (data.deadLetters && (data.deadLetters.total ?? 0) >= (state.deadLetters.total ?? 0)) {
      state.deadLetters = data.deadLetters;
    }
    state.serverSaidStale = false;
    state.lastDataAt = opts.now();
    state.rev.progress += 1;
  }

  function handler(kind, fn) {
    return (ev) => {
      state.lastMessageAt = opts.now();
      if (ev.lastEventId) state.lastEventId = ev.lastEventId;
      let data;
      try {
        data = JSON.parse(ev.data);
      } catch (e) {
        console.warn(`ignoring a ${kind} event that is not JSON`);
        return;
      }
      fn(data);
      refreshStale();
      notifySoon();
    };
  }

  function setConnection(c) {
    if (state.connection !== c) {
      state.connection = c;
      refreshStale();
      notifySoon();
    }
  }

  function refreshStale() {
    const now = opts.now();
    const silentFor = state.lastDataAt ? now - state.lastDataAt : Infinity;
    state.stale =
      state.serverSaidStale || silentFor > opts.staleAfterMs || (state.connection !== 'open' && !state.lastDataAt);
  }

  function connect() {
    if (stopped) return;
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (source) source.close();
    setConnection(attempt === 0 ? 'connecting' : 'reconnecting');
    // Built at every connect: a scope added by mergeSeries is asked for from the next connection.
    const es = new EventSource(streamUrl(opts.url, seriesScopes));
    source = es;
    es.addEventListener('open', () => {
      if (source !== es) return;
      attempt = 0;
      state.lastMessageAt = opts.now();
      setConnection('open');
    });
    es.addEventListener('snapshot', handler('snapshot', onSnapshot));
    es.addEventListener('progress', handler('progress', onProgress));
    es.addEventListener('sessions', handler('sessions', (d) => applySessions(d.sessions, false)));
    es.addEventListener('series', handler('series', (d) => applySeries(d.points, false)));
    es.addEventListener('error', () => {
      if (source !== es) return;
      // The browser retries some failures by itself but gives up on others (HTTP errors, a 429);
      // owning every retry keeps the behaviour the same in all cases.
      es.close();
      source = null;
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    if (stopped || reconnectTimer !== null) return;
    attempt += 1;
    setConnection('reconnecting');
    const base = Math.min(opts.backoffMaxMs, opts.backoffMinMs * 2 ** Math.min(attempt - 1, 6));
    const delay = base / 2 + Math.random() * (base / 2);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function tick() {
    const wasStale = state.stale;
    refreshStale();
    // No message at all for long: the TCP connection may be half-open (a network change under a
    // wall screen); a fresh connection costs one snapshot.
    if (state.connection === 'open' && opts.now() - state.lastMessageAt > opts.silentReconnectMs) {
      attempt = 0;
      connect();
    }
    if (wasStale !== state.stale) notifySoon();
  }

  return {
    state,
    /** Calls `fn(state)` after every batch of changes; returns the unsubscribe function. */
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    start() {
      stopped = false;
      connect();
      watchdog = setInterval(tick, 2000);
      return this;
    },
    stop() {
      stopped = true;
      clearTimeout(reconnectTimer);
      clearTimeout(notifyTimer);
      clearInterval(watchdog);
      if (source) source.close();
      source = null;
      listeners.clear();
    },
    /** Adds sessions fetched over REST (e.g. ended sessions of one county). */
    mergeSessions(list) {
      applySessions(list, false);
      notifySoon();
    },
    /** Adds series points fetched over REST for one scope. */
    mergeSeries(scope, points) {
      seriesScopes.add(scope);
      applySeries({ [scope]: points }, false);
      notifySoon();
    },
  };
}
