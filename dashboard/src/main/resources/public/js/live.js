/**
 * The livestream monitor (/live): sessions live now (sortable), sales and new viewers per minute,
 * the last 30 minutes against the 30 before, and alerts (no order for N minutes, viewers
 * collapsing). `?noOrderMinutes=N` changes the no-order threshold (default 10).
 */
import { bootPage, fetchJson } from './page.js';
import { applyRotation, params } from './stage.js';
import { CountUp } from './countup.js';
import { el, setText, setData, reorder } from './dom.js';
import { compact, money, exact, dateTime, duration, percent } from './format.js';
import { compareWindows, lastMinutes } from './windows.js';
import { observe, computeAlerts, DEFAULT_ALERT_OPTIONS } from './alerts.js';
import { sortSessions, sessionDuration, isTextColumn } from './sessions.js';
import { barLineOption } from './panels/trend.js';

const CHART_MINUTES = 240;
const MAX_ROWS = 500;
const MAX_ALERTS = 12;

// The monitor draws only the campaign-wide trend: its stream carries only that scope's points.
const { t, charts, store } = bootPage({ seriesScopes: ['all'] });
applyRotation('/');
const lang = t.lang;
const $ = (id) => document.getElementById(id);

const noOrderMinutes = Number(params().get('noOrderMinutes'));
const alertOptions = {
  ...DEFAULT_ALERT_OPTIONS,
  ...(Number.isFinite(noOrderMinutes) && noOrderMinutes > 0 ? { noOrderMinutes } : {}),
};

// ---------- summary ----------
const stats = {
  live: new CountUp($('stat-live'), exact, { monotonic: false, durationMs: 300 }),
  viewers: new CountUp($('stat-viewers'), (v) => compact(v, lang), { monotonic: false }),
  peak: new CountUp($('stat-peak'), (v) => compact(v, lang), { monotonic: false }),
  orders: new CountUp($('stat-orders'), (v) => compact(v, lang), { monotonic: false }),
  sales: new CountUp($('stat-sales'), (v) => money(v, lang), { monotonic: false }),
};

const compareCells = [
  { field: 'salesFen', label: 'cmp.sales', fmt: (v) => money(v, lang) },
  { field: 'orders', label: 'cmp.orders', fmt: (v) => compact(v, lang) },
  { field: 'newViewers', label: 'cmp.newViewers', fmt: (v) => compact(v, lang) },
].map((c) => {
  const cell = el('div', 'cell');
  cell.dataset.field = c.field;
  const line = el('div', '');
  const now = el('span', 'now', '—');
  const delta = el('span', 'delta', '');
  line.append(now, delta);
  const was = el('div', 'was', '');
  cell.append(el('div', 'was', t(c.label)), line, was);
  $('compare').append(cell);
  return { ...c, cell, now, delta, was };
});

function renderSummary(state, live) {
  stats.live.set(live.length);
  stats.viewers.set(live.reduce((s, x) => s + (x.viewersOnline || 0), 0));
  stats.peak.set(live.reduce((s, x) => s + (x.peakViewers || 0), 0));
  stats.orders.set(live.reduce((s, x) => s + (x.orders || 0), 0));
  stats.sales.set(live.reduce((s, x) => s + (x.salesFen || 0), 0));
}

function renderCompare(state) {
  const cmp = compareWindows(state.series.all, 30);
  for (const c of compareCells) {
    const cur = cmp.current[c.field];
    const prev = cmp.previous[c.field];
    const ch = cmp.change[c.field];
    setData(c.cell, 'current', cur);
    setData(c.cell, 'previous', prev);
    setText(c.now, c.fmt(cur));
    setText(c.delta, ch === null ? '' : `${ch >= 0 ? '▲' : '▼'}${percent(Math.abs(ch), 0)}`);
    setData(c.delta, 'trend', ch === null || Math.abs(ch) < 0.005 ? 'flat' : ch > 0 ? 'up' : 'down');
    setText(c.was, `← ${c.fmt(prev)}`);
  }
}

// ---------- sessions table ----------
let sortKey = 'viewersOnline';
let sortDir = 'desc';
const headers = [...document.querySelectorAll('#sessions-table th[data-key]')];
function markSort() {
  for (const th of headers) {
    if (th.dataset.key === sortKey) th.setAttribute('aria-sort', sortDir === 'asc' ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
}
for (const th of headers) {
  th.addEventListener('click', () => {
    const key = th.dataset.key;
    if (key === sortKey) sortDir = sortDir === 'asc' ? 'desc' : 'asc';
    else {
      sortKey = key;
      sortDir = isTextColumn(key) ? 'asc' : 'desc';
    }
    markSort();
    renderSessions(store.state);
  });
}
markSort();

const rows = new Map();
function sessionRow(s) {
  let r = rows.get(s.sessionId);
  if (!r) {
    const tr = el('tr', '');
    tr.dataset.session = s.sessionId;
    const county = el('td', 'text county');
    const dot = el('i', 'status-dot');
    const countyName = el('span', '');
    county.append(dot, countyName);
    r = {
      tr,
      countyName,
      host: el('td', 'text host'),
      title: el('td', 'text title'),
      viewers: el('td', 'viewers'),
      peak: el('td', 'peak'),
      likes: el('td', 'likes'),
      orders: el('td', 'orders'),
      sales: el('td', 'sales'),
      duration: el('td', 'duration'),
    };
    tr.append(county, r.host, r.title, r.viewers, r.peak, r.likes, r.orders, r.sales, r.duration);
    rows.set(s.sessionId, r);
  }
  return r;
}

let countyNames = new Map();
function renderSessions(state) {
  const live = [...state.sessions.values()].filter((s) => s.status === 'live');
  const sorted = sortSessions(live, sortKey, sortDir, { countyNames, asOf: state.asOf }).slice(0, MAX_ROWS);
  const keep = new Set(sorted.map((s) => s.sessionId));
  for (const id of rows.keys()) if (!keep.has(id)) rows.delete(id);
  const nodes = sorted.map((s) => {
    const r = sessionRow(s);
    setData(r.tr, 'status', s.status);
    setText(r.countyName, s.countyName || countyNames.get(s.countyCode) || s.countyCode);
    setText(r.host, s.hostId ?? '—');
    // Titles come from events: text only, never HTML.
    setText(r.title, s.title ?? '—');
    if (s.title) r.title.title = s.title;
    setText(r.viewers, exact(s.viewersOnline));
    setData(r.viewers, 'value', s.viewersOnline);
    setText(r.peak, exact(s.peakViewers));
    setText(r.likes, compact(s.likes, lang));
    setText(r.orders, exact(s.orders));
    setData(r.orders, 'value', s.orders);
    setText(r.sales, money(s.salesFen, lang));
    setData(r.sales, 'value', s.salesFen);
    setText(r.duration, duration(sessionDuration(s, state.asOf)));
    return r.tr;
  });
  reorder($('sessions-body'), nodes);
  $('sessions-empty').hidden = nodes.length > 0;
  setText($('sessions-count'), String(live.length));
  renderSummary(state, live);
  return live;
}

// ---------- alerts ----------
const history = new Map();
function renderAlerts(state, live) {
  observe(history, live, alertOptions);
  const alerts = computeAlerts(live, history, state.asOf, alertOptions).slice(0, MAX_ALERTS);
  const nodes = alerts.map((a) => {
    const li = el('li', '');
    li.dataset.kind = a.kind;
    li.dataset.session = a.sessionId;
    const what = a.kind === 'no_order' ? t('alert.noOrder', { min: a.minutes }) : t('alert.viewerDrop', { pct: a.dropPct });
    li.append(
      el('span', 'county', a.session.countyName || countyNames.get(a.session.countyCode) || a.session.countyCode),
      el('span', 'title', a.session.title ?? a.session.hostId ?? a.sessionId),
      el('span', 'what', what),
    );
    return li;
  });
  $('alerts').replaceChildren(...nodes);
  $('alerts-empty').hidden = nodes.length > 0;
  $('alerts-count').hidden = nodes.length === 0;
  setText($('alerts-count'), String(nodes.length));
}

// ---------- chart ----------
const liveChart = charts.mount($('chart-live'));
function renderChart(state) {
  liveChart.update(
    barLineOption(
      lastMinutes(state.series.all, CHART_MINUTES),
      {
        bar: { field: 'salesFen', divisor: 100, name: t('chart.sales'), color: '#38c6ff' },
        line: { field: 'newViewers', name: t('chart.newViewers'), color: '#ffcf5c' },
      },
      t,
    ),
  );
}

// ---------- wiring ----------
const seen = { progress: -1, sessions: -1, series: -1 };
function render(state) {
  if (state.rev.progress !== seen.progress) {
    seen.progress = state.rev.progress;
    setData($('as-of'), 'value', state.asOf || '');
    setText($('as-of'), state.asOf ? dateTime(state.asOf) : '—');
  }
  if (state.rev.sessions !== seen.sessions || state.rev.progress !== seen.progressForRows) {
    seen.sessions = state.rev.sessions;
    seen.progressForRows = state.rev.progress;
    const live = renderSessions(state);
    renderAlerts(state, live);
  }
  if (state.rev.series !== seen.series) {
    seen.series = state.rev.series;
    renderChart(state);
    renderCompare(state);
  }
  document.body.dataset.ready = state.snapshots > 0 ? 'true' : 'false';
}

store.subscribe(render);
store.start();
renderChart(store.state);
renderCompare(store.state);
fetchJson('/api/counties').then((list) => {
  countyNames = new Map((Array.isArray(list) ? list : []).map((c) => [c.code, c.name]));
  seen.sessions = -1;
  render(store.state);
});
