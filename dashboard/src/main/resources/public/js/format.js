/**
 * Number, money and time formatting. Chinese uses 万 (1e4) and 亿 (1e8); English uses K/M/B.
 * Money arrives in fen (1/100 yuan) as exact integers and is shown in yuan.
 */

const ZONE = 'Asia/Shanghai';

/** Exact integer with thousands separators ("1,234,567"). */
export function exact(n) {
  return Math.round(Number(n) || 0).toLocaleString('en-US');
}

/** A compact figure: below 10,000 exact; then 万/亿 (zh) or K/M/B (en) with 2 decimals. */
export function compact(n, lang = 'zh') {
  const v = Number(n) || 0;
  const a = Math.abs(v);
  if (lang === 'en') {
    if (a >= 1e9) return `${(v / 1e9).toFixed(2)}B`;
    if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
    if (a >= 1e4) return `${(v / 1e3).toFixed(1)}K`;
    return exact(v);
  }
  if (a >= 1e8) return `${(v / 1e8).toFixed(2)}亿`;
  if (a >= 1e4) return `${(v / 1e4).toFixed(2)}万`;
  return exact(v);
}

/** Yuan from fen, as a floating number (for charts). */
export function fenToYuan(fen) {
  return (Number(fen) || 0) / 100;
}

/** Money in fen shown in yuan: "¥1.23亿", "¥4,560". */
export function money(fen, lang = 'zh') {
  if (fen < 0) {
    // "-¥153", not "¥-153" (net sales of a window can be negative: refunds count when they come).
    const amount = money(-fen, lang);
    return amount === '¥0' ? amount : `-${amount}`;
  }
  const yuan = fenToYuan(fen);
  if (Math.abs(yuan) < 1e4) {
    return `¥${yuan.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  }
  return `¥${compact(yuan, lang)}`;
}

/** A KPI value in its unit: salesFen as money, everything else as a compact count. */
export function kpiValue(kpi, value, lang = 'zh') {
  return kpi === 'salesFen' ? money(value, lang) : compact(value, lang);
}

/** 0.1234 → "12.3%"; null → "—". */
export function percent(fraction, digits = 1) {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Seconds → "1:02:03" or "12:03". */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(Number(seconds) || 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  const ss = String(r).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The campaign-time parts of an instant (ISO string or epoch ms), or null if it is none. */
function parts(value) {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  const out = {};
  for (const p of PARTS.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** An instant (ISO string or epoch ms) as "2019-06-18 20:05" in campaign time. */
export function dateTime(value, withSeconds = false) {
  const p = parts(value);
  if (!p) return '—';
  const base = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  return withSeconds ? `${base}:${p.second}` : base;
}

const DAY_MS = 86_400_000;

/**
 * The label formatter of the time axis of a per-minute chart whose points span {@code spanMs}: a
 * day or less is labelled "20:05" in campaign time, with the date ("9-18") instead of "00:00" at
 * midnight; a longer span (a county with few events, any chart during a replay) gets the date under
 * every time ("20:05\n9-18"), since the times alone would repeat day after day (and where ECharts
 * puts its ticks at the browser's midnight, every one of them would read the same hour). The span
 * decides, not the labels before: ECharts also formats ticks that it then hides.
 */
export function minuteAxisFormatter(spanMs) {
  return spanMs > DAY_MS ? minuteAndDay : minuteOrDay;
}

function minuteOrDay(value) {
  const p = parts(value);
  if (!p) return '—';
  return p.hour === '00' && p.minute === '00' ? `${Number(p.month)}-${Number(p.day)}` : `${p.hour}:${p.minute}`;
}

function minuteAndDay(value) {
  const p = parts(value);
  return p ? `${p.hour}:${p.minute}\n${Number(p.month)}-${Number(p.day)}` : '—';
}

/** Day of the campaign year (1-based) and the year's length, both on the Asia/Shanghai calendar. */
export function campaignDay(value) {
  const p = parts(value);
  if (!p) return null;
  const year = Number(p.year);
  const start = Date.UTC(year, 0, 1);
  const today = Date.UTC(year, Number(p.month) - 1, Number(p.day));
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86400000;
  return { day: Math.floor((today - start) / 86400000) + 1, days };
}
