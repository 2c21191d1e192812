/**
 * The wall display (/): the plan's 9 annual KPIs, core vs radiating, the county map and ranking,
 * sales per minute, the livestream ticker and data quality, kept live from /api/stream.
 * Only panels whose inputs changed are redrawn (see store.rev).
 */
import { bootPage, fetchJson, autoScroll } from './page.js';
import { applyRotation } from './stage.js';
import { CountUp } from './countup.js';
import { el, setText, setData, reorder } from './dom.js';
import { kpiValue, money, compact, exact, dateTime, campaignDay, percent } from './format.js';
import { PLAN_TARGETS, neverDecreases } from './kpis.js';
import { rankCounties } from './ranking.js';
import { gaugeOption } from './panels/gauge.js';
import { tiersOption } from './panels/tiers.js';
import { salesTrendOption } from './panels/trend.js';
import { mapOption } from './panels/map.js';

const RANK_ROW = 32;
const TICKER_ROW = 30;
const TICKER_MAX = 40;
const EXTREMES = 3;

const { t, charts, store } = bootPage();
applyRotation('/live');
const lang = t.lang;
const $ = (id) => document.getElementById(id);

// ---------- KPI cards ----------
const cards = PLAN_TARGETS.map((def) => {
  const id = `${def.kpi}-${def.scope.replace('tier:', '')}`;
  const card = el('article', 'kpi-card');
  card.id = `kpi-${id}`;
  card.dataset.kpi = def.kpi;
  card.dataset.scope = def.scope;
  card.dataset.pace = 'none';
  const head = el('div', 'kpi-head');
  head.append(el('span', 'kpi-name', t(`kpi.${def.kpi}`)), el('span', 'kpi-scope', t(`scope.${def.scope}`)));
  const gauge = el('div', 'kpi-gauge');
  gauge.id = `gauge-${id}`;
  const value = el('div', 'kpi-value', '—');
  value.dataset.value = '';
  const meta = el('div', 'kpi-meta');
  const target = el('span', 'kpi-target', '');
  const pace = el('span', 'pace-chip', t('pace.none'));
  meta.append(target, pace);
  card.append(head, gauge, value, meta);
  $('kpis').append(card);
  return {
    def,
    card,
    target,
    pace,
    chart: charts.mount(gauge),
    count: new CountUp(value, (v) => kpiValue(def.kpi, v, lang), { monotonic: neverDecreases(def.kpi) }),
  };
});

function renderCards(state) {
  for (const c of cards) {
    const scope = state.scopes[c.def.scope];
    const total = scope && scope.totals ? scope.totals[c.def.kpi] ?? 0 : 0;
    const p = scope && scope.progress ? scope.progress[c.def.kpi] : null;
    const targetValue = scope && scope.targets ? scope.targets[c.def.kpi] : null;
    c.count.set(total);
    const paceKey = (p && p.pace) || 'none';
    setData(c.card, 'pace', paceKey);
    setData(c.card, 'progress', p && typeof p.progress === 'number' ? p.progress : '');
    setText(c.pace, t(`pace.${paceKey}`));
    setText(c.target, targetValue ? `${t('kpi.target')} ${kpiValue(c.def.kpi, targetValue, lang)}` : t('kpi.noTarget'));
    c.chart.update(gaugeOption(p));
  }
}

// ---------- clock ----------
function renderClock(state) {
  setData($('as-of'), 'value', state.asOf || '');
  setText($('as-of'), state.asOf ? dateTime(state.asOf) : '—');
  const d = state.asOf ? campaignDay(state.asOf) : null;
  setText($('campaign-day'), d ? t('clock.day', d) : '');
}

// ---------- tiers ----------
const tierChart = charts.mount($('chart-tiers'));
function renderTiers(state, counties) {
  const counts = {};
  for (const c of counties || []) counts[c.tier] = (counts[c.tier] || 0) + 1;
  tierChart.update(tiersOption(state.scopes, t, counts));
}

// ---------- ranking + map ----------
const mapChart = charts.mount($('chart-map'));
const rankRows = new Map();
function rankRow(r) {
  let row = rankRows.get(r.code);
  if (!row) {
    const li = el('li', '');
    li.dataset.code = r.code;
    const rank = el('span', 'rank num', '');
    const name = el('span', 'name', r.name);
    const tag = el('span', 'tier-tag', t(`tier.${r.tier}`));
    tag.dataset.tier = r.tier;
    const bar = el('span', 'bar');
    const fill = el('i', '');
    bar.append(fill);
    const pct = el('span', 'pct', '');
    li.append(rank, name, tag, bar, pct);
    row = { li, rank, fill, pct };
    rankRows.set(r.code, row);
  }
  return row;
}

function renderExtremes(list, rows) {
  const items = rows.map((r) => {
    const li = el('li', '');
    li.append(el('span', 'n', `${r.rank}. ${r.name}`), el('span', 'p', percent(r.completion)));
    return li;
  });
  list.replaceChildren(...items);
}

function renderRanking(state, counties) {
  const ranked = rankCounties(counties, state.scopes);
  const n = ranked.length;
  const nodes = ranked.map((r) => {
    const row = rankRow(r);
    setText(row.rank, r.rank);
    setData(row.li, 'pace', r.pace);
    setData(row.li, 'band', r.rank <= 10 ? 'leader' : r.rank > n - 10 ? 'laggard' : '');
    setData(row.li, 'completion', r.completion);
    row.fill.style.width = `${Math.min(100, r.completion * 100).toFixed(1)}%`;
    setText(row.pct, percent(r.completion));
    return row.li;
  });
  reorder($('ranking'), nodes);
  renderExtremes($('leaders'), ranked.slice(0, EXTREMES));
  renderExtremes($('laggards'), ranked.slice(Math.max(0, n - EXTREMES)).reverse());
  const box = $('chart-map');
  mapChart.update(mapOption(counties, ranked, { width: box.clientWidth, height: box.clientHeight }, t));
}

// ---------- quality ----------
const deadCount = new CountUp($('dead-letters'), exact, { durationMs: 400 });
const dupCount = new CountUp($('duplicates'), exact, { durationMs: 400 });
const REASONS = ['malformed_json', 'bad_encoding', 'too_large', 'missing_field', 'bad_value', 'unknown_type', 'unknown_county', 'out_of_campaign'];
const reasonRows = new Map();
function renderQuality(state) {
  const dl = state.deadLetters || { total: 0, byReason: {} };
  deadCount.set(dl.total || 0);
  $('dead-letters').classList.toggle('bad', (dl.total || 0) > 0);
  const all = state.scopes.all;
  dupCount.set((all && all.duplicates) || 0);
  const byReason = dl.byReason || {};
  const keys = [...new Set([...REASONS.filter((k) => byReason[k] > 0), ...Object.keys(byReason).filter((k) => byReason[k] > 0)])]
    .sort((a, b) => byReason[b] - byReason[a])
    .slice(0, 6);
  const max = Math.max(1, ...keys.map((k) => byReason[k]));
  const nodes = keys.map((k) => {
    let r = reasonRows.get(k);
    if (!r) {
      const li = el('li', '');
      li.dataset.reason = k;
      const bar = el('span', 'bar');
      const fill = el('i', '');
      bar.append(fill);
      const count = el('span', 'count', '');
      li.append(el('span', 'label', t.has(`reason.${k}`) ? t(`reason.${k}`) : k), bar, count);
      r = { li, fill, count };
      reasonRows.set(k, r);
    }
    r.fill.style.width = `${((byReason[k] / max) * 100).toFixed(1)}%`;
    setText(r.count, exact(byReason[k]));
    setData(r.li, 'value', byReason[k]);
    return r.li;
  });
  if (nodes.length === 0) {
    const empty = reasonRows.get('') || { li: el('li', 'empty', t('wall.noDeadLetters')) };
    reasonRows.set('', empty);
    reorder($('reasons'), [empty.li]);
  } else {
    reorder($('reasons'), nodes);
  }
}

// ---------- trend ----------
const trendChart = charts.mount($('chart-trend'));
const todaySales = new CountUp($('today-sales'), (v) => money(v, lang), { monotonic: false });
function renderTrend(state) {
  trendChart.update(salesTrendOption(state.series, t));
}

// ---------- livestream ticker ----------
const liveNow = new CountUp($('live-now'), exact, { durationMs: 300, monotonic: false });
const liveViewers = new CountUp($('live-viewers'), (v) => compact(v, lang), { monotonic: false });
const liveSales = new CountUp($('live-sales'), (v) => money(v, lang));
const tickerRows = new Map();
function renderLive(state, countyNames) {
  const live = [...state.sessions.values()].filter((s) => s.status === 'live');
  live.sort((a, b) => b.viewersOnline - a.viewersOnline || (a.sessionId < b.sessionId ? -1 : 1));
  liveNow.set(live.length);
  liveViewers.set(live.reduce((sum, s) => sum + (s.viewersOnline || 0), 0));
  const all = state.scopes.all;
  liveSales.set((all && all.livestreamSalesFen) || 0);
  const shown = live.slice(0, TICKER_MAX);
  const keep = new Set(shown.map((s) => s.sessionId));
  for (const id of tickerRows.keys()) if (!keep.has(id)) tickerRows.delete(id);
  const nodes = shown.map((s) => {
    let r = tickerRows.get(s.sessionId);
    if (!r) {
      const li = el('li', '');
      li.dataset.session = s.sessionId;
      r = { li, county: el('span', 'county'), title: el('span', 'title'), viewers: el('span', 'viewers'), sales: el('span', 'sales') };
      li.append(r.county, r.title, r.viewers, r.sales);
      tickerRows.set(s.sessionId, r);
    }
    setText(r.county, s.countyName || countyNames.get(s.countyCode) || s.countyCode);
    setText(r.title, s.title ?? '—');
    setText(r.viewers, compact(s.viewersOnline, lang));
    setText(r.sales, money(s.salesFen, lang));
    return r.li;
  });
  if (nodes.length === 0) nodes.push(el('li', 'empty', t('wall.noLive')));
  reorder($('ticker'), nodes);
}

// ---------- wiring ----------
autoScroll(document.querySelector('.ranking-viewport'), $('ranking'), RANK_ROW, 5000);
autoScroll(document.querySelector('.ticker-viewport'), $('ticker'), TICKER_ROW, 4000);

let counties = [];
let countyNames = new Map();
const seen = { progress: -1, sessions: -1, series: -1, resets: 0, counties: false };

function render(state) {
  if (state.resets !== seen.resets) {
    // The campaign was reset (a fresh demo): numbers may legitimately start again from zero.
    seen.resets = state.resets;
    for (const c of cards) c.count.reset();
    for (const c of [deadCount, dupCount, liveSales]) c.reset();
  }
  const countiesChanged = seen.counties !== (counties.length > 0);
  if (state.rev.progress !== seen.progress || countiesChanged) {
    seen.progress = state.rev.progress;
    seen.counties = counties.length > 0;
    renderClock(state);
    renderCards(state);
    renderTiers(state, counties);
    renderRanking(state, counties);
    renderQuality(state);
    const all = state.scopes.all;
    todaySales.set((all && all.today && all.today.salesFen) || 0);
    renderLive(state, countyNames);
  }
  if (state.rev.sessions !== seen.sessions) {
    seen.sessions = state.rev.sessions;
    renderLive(state, countyNames);
  }
  if (state.rev.series !== seen.series) {
    seen.series = state.rev.series;
    renderTrend(state);
  }
  document.body.dataset.ready = state.snapshots > 0 ? 'true' : 'false';
}

store.subscribe(render);
store.start();
renderTrend(store.state);
fetchJson('/api/counties').then((list) => {
  counties = Array.isArray(list) ? list : [];
  countyNames = new Map(counties.map((c) => [c.code, c.name]));
  render(store.state);
});
