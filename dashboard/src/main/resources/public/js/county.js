/**
 * One county's page (/counties/{code}): every KPI against the county's targets (completion bar
 * with the calendar's expected progress marked), its rank among the 110 and in its tier by mean
 * completion, its per-minute trend and its livestreams.
 */
import { bootPage, fetchJson } from './page.js';
import { CountUp } from './countup.js';
import { el, setText, setData, reorder } from './dom.js';
import { kpiValue, money, exact, dateTime, percent } from './format.js';
import { KPI_KEYS, neverDecreases } from './kpis.js';
import { rankCounties } from './ranking.js';
import { barLineOption } from './panels/trend.js';

const code = decodeURIComponent(window.location.pathname.split('/').filter(Boolean).pop() || '');
const scopeKey = `county:${code}`;
const SERIES_REFRESH_MS = 60000;
const SESSIONS_REFRESH_MS = 60000;

const { t, charts, store } = bootPage({ seriesScopes: [scopeKey] });
const lang = t.lang;
const $ = (id) => document.getElementById(id);

// ---------- KPI cards ----------
const cards = KPI_KEYS.map((kpi) => {
  const card = el('article', 'ckpi');
  card.id = `ckpi-${kpi}`;
  card.dataset.kpi = kpi;
  card.dataset.pace = 'none';
  const head = el('div', 'head');
  const pace = el('span', 'pace-chip', t('pace.none'));
  head.append(el('span', '', t(`kpi.${kpi}`)), pace);
  const value = el('div', 'value', '—');
  const target = el('div', 'target', '');
  const track = el('div', 'track');
  const fill = el('span', 'fill');
  const mark = el('span', 'mark');
  track.append(fill, mark);
  const facts = el('div', 'facts');
  const projection = el('span', '');
  const needed = el('span', '');
  facts.append(projection, needed);
  card.append(head, value, target, track, facts);
  $('county-kpis').append(card);
  return {
    kpi,
    card,
    pace,
    target,
    fill,
    mark,
    projection,
    needed,
    count: new CountUp(value, (v) => kpiValue(kpi, v, lang), { monotonic: neverDecreases(kpi) }),
  };
});

function fact(label, text) {
  const b = el('b', '', text);
  const span = document.createDocumentFragment();
  span.append(`${label} `, b);
  return span;
}

function renderCards(scope) {
  for (const c of cards) {
    const total = scope && scope.totals ? scope.totals[c.kpi] ?? 0 : 0;
    const p = scope && scope.progress ? scope.progress[c.kpi] : null;
    c.count.set(total);
    const paceKey = (p && p.pace) || 'none';
    setData(c.card, 'pace', paceKey);
    setText(c.pace, t(`pace.${paceKey}`));
    if (p && p.target) {
      setText(c.target, `${t('kpi.target')} ${kpiValue(c.kpi, p.target, lang)} · ${percent(p.progress)}`);
      c.fill.style.width = `${Math.min(100, p.progress * 100).toFixed(2)}%`;
      c.mark.hidden = false;
      c.mark.style.left = `calc(${(Math.min(1, p.expected) * 100).toFixed(2)}% - 1px)`;
      c.projection.replaceChildren(fact(t('county.projection'), kpiValue(c.kpi, p.projection, lang)));
      c.needed.replaceChildren(fact(t('county.dailyNeeded'), kpiValue(c.kpi, p.dailyRateNeeded ?? 0, lang)));
    } else {
      setText(c.target, t('kpi.noTarget'));
      c.fill.style.width = '0%';
      c.mark.hidden = true;
      c.projection.replaceChildren(p ? fact(t('county.projection'), kpiValue(c.kpi, p.projection, lang)) : '');
      c.needed.replaceChildren();
    }
  }
}

// ---------- sessions ----------
const rows = new Map();
function renderSessions(state) {
  const mine = [...state.sessions.values()].filter((s) => s.countyCode === code);
  mine.sort((a, b) => (a.status === 'live') !== (b.status === 'live') ? (a.status === 'live' ? -1 : 1) : Date.parse(b.startedAt) - Date.parse(a.startedAt));
  const nodes = mine.slice(0, 200).map((s) => {
    let r = rows.get(s.sessionId);
    if (!r) {
      const tr = el('tr', '');
      tr.dataset.session = s.sessionId;
      r = { tr, title: el('td', 'text title'), host: el('td', 'text'), status: el('td', 'text'), viewers: el('td', ''), orders: el('td', ''), sales: el('td', ''), started: el('td', '') };
      const dot = el('i', 'status-dot');
      r.statusText = el('span', '');
      r.status.append(dot, r.statusText);
      tr.append(r.title, r.host, r.status, r.viewers, r.orders, r.sales, r.started);
      rows.set(s.sessionId, r);
    }
    setData(r.tr, 'status', s.status);
    setText(r.title, s.title ?? '—');
    setText(r.host, s.hostId ?? '—');
    setText(r.statusText, t(`status.${s.status}`));
    setText(r.viewers, s.status === 'live' ? exact(s.viewersOnline) : exact(s.peakViewers));
    setText(r.orders, exact(s.orders));
    setText(r.sales, money(s.salesFen, lang));
    setText(r.started, dateTime(s.startedAt));
    return r.tr;
  });
  reorder($('county-sessions-body'), nodes);
  $('county-sessions-empty').hidden = nodes.length > 0;
}

// ---------- trend ----------
const chart = charts.mount($('chart-county'));
function renderChart(state) {
  chart.update(
    barLineOption(
      state.series[scopeKey] || [],
      {
        bar: { field: 'salesFen', divisor: 100, name: t('chart.sales'), color: '#38c6ff' },
        line: { field: 'orders', name: t('chart.orders'), color: '#ffcf5c' },
      },
      t,
    ),
  );
}

// ---------- wiring ----------
let counties = [];
let county = null;
const seen = { progress: -1, sessions: -1, series: -1 };

function render(state) {
  if (state.rev.progress !== seen.progress) {
    seen.progress = state.rev.progress;
    setData($('as-of'), 'value', state.asOf || '');
    setText($('as-of'), state.asOf ? dateTime(state.asOf) : '—');
    renderCards(state.scopes[scopeKey]);
    if (county) {
      const ranked = rankCounties(counties, state.scopes);
      const me = ranked.find((r) => r.code === code);
      const inTier = ranked.filter((r) => r.tier === county.tier).length;
      setData($('rank'), 'value', me ? me.rank : '');
      setText($('rank'), me ? `${me.rank} / ${ranked.length}` : '—');
      setData($('rank-tier'), 'value', me ? me.tierRank : '');
      setText($('rank-tier'), me ? `${me.tierRank} / ${inTier}` : '—');
    }
  }
  if (state.rev.sessions !== seen.sessions) {
    seen.sessions = state.rev.sessions;
    renderSessions(state);
  }
  if (state.rev.series !== seen.series) {
    seen.series = state.rev.series;
    renderChart(state);
  }
  document.body.dataset.ready = state.snapshots > 0 ? 'true' : 'false';
}

async function loadSeries() {
  const data = await fetchJson(`/api/series?scope=${encodeURIComponent(scopeKey)}&minutes=1440`);
  if (data && Array.isArray(data.points)) store.mergeSeries(scopeKey, data.points);
}

async function loadSessions() {
  const data = await fetchJson('/api/sessions?status=all');
  if (data && Array.isArray(data.sessions)) store.mergeSessions(data.sessions.filter((s) => s.countyCode === code));
}

fetchJson('/api/counties').then((list) => {
  counties = Array.isArray(list) ? list : [];
  county = counties.find((c) => c.code === code) || null;
  if (!county) {
    $('unknown').hidden = false;
    $('county-kpis').hidden = true;
    $('county-main').hidden = true;
    setText($('county-name'), code);
    store.stop();
    return;
  }
  document.title = `${county.name} · ${t('county.title')}`;
  setText($('county-name'), county.name);
  setText($('county-tier'), t(`scope.tier:${county.tier}`));
  setData($('county-tier'), 'tier', county.tier);
  setText($('county-where'), [county.province, county.prefecture].filter(Boolean).join(' · '));
  seen.progress = -1;
  store.subscribe(render);
  store.start();
  renderChart(store.state);
  loadSeries();
  loadSessions();
  const timers = [setInterval(loadSeries, SERIES_REFRESH_MS), setInterval(loadSessions, SESSIONS_REFRESH_MS)];
  window.addEventListener('pagehide', () => timers.forEach(clearInterval), { once: true });
});
