/**
 * The 110 counties at their county seats' lon/lat on an equirectangular projection corrected for
 * latitude (x = lon·cos φ0), so distances look right without any map outline (ECharts 5 ships
 * none and the wall has no internet). Size = sales, colour = pace of mean completion, core
 * counties ringed in gold and named. Pure: (registry, ranking rows, box size) → ECharts option.
 */
import { base, tooltip, GRID_LINE, GOLD } from './common.js';
import { PACE_COLORS } from '../kpis.js';

const DEG = Math.PI / 180;

/** Axis ranges that keep 1° of latitude as long as 1° of longitude·cos φ0 in a w×h box. */
export function projectedBounds(counties, width, height) {
  const lons = counties.map((c) => c.lon);
  const lats = counties.map((c) => c.lat);
  let minLat = Math.min(...lats) - 1.5;
  let maxLat = Math.max(...lats) + 1.5;
  const k = Math.cos(((minLat + maxLat) / 2) * DEG);
  let minX = (Math.min(...lons) - 1.5) * k;
  let maxX = (Math.max(...lons) + 1.5) * k;
  const want = width / height;
  const spanX = maxX - minX;
  const spanY = maxLat - minLat;
  if (spanX / spanY < want) {
    const grow = (spanY * want - spanX) / 2;
    minX -= grow;
    maxX += grow;
  } else {
    const grow = (spanX / want - spanY) / 2;
    minLat -= grow;
    maxLat += grow;
  }
  return { k, minX, maxX, minY: minLat, maxY: maxLat };
}

/**
 * @param counties registry rows with lon/lat
 * @param ranked rows of rankCounties (completion, pace, salesFen by code)
 * @param box {width, height} of the chart element in CSS pixels
 */
export function mapOption(counties, ranked, box, t) {
  const list = (counties || []).filter((c) => Number.isFinite(c.lon) && Number.isFinite(c.lat));
  if (list.length === 0) return { ...base(), series: [{ id: 'radiating', type: 'scatter', data: [] }, { id: 'core', type: 'scatter', data: [] }] };
  const pad = 24;
  const b = projectedBounds(list, Math.max(1, box.width - 2 * pad), Math.max(1, box.height - 2 * pad));
  const byCode = new Map((ranked || []).map((r) => [r.code, r]));
  const maxSales = Math.max(1, ...list.map((c) => (byCode.get(c.code) || {}).salesFen || 0));
  const point = (c) => {
    const r = byCode.get(c.code) || { completion: 0, pace: 'none', salesFen: 0 };
    const size = 10 + 28 * Math.sqrt(Math.max(0, r.salesFen) / maxSales);
    return {
      name: c.name,
      value: [c.lon * b.k, c.lat, r.salesFen, Math.round(r.completion * 1000) / 10],
      code: c.code,
      symbolSize: size,
      itemStyle: { color: PACE_COLORS[r.pace] || PACE_COLORS.none },
    };
  };
  return {
    ...base(),
    tooltip: tooltip({
      trigger: 'item',
      formatter: (p) => `${p.name}\n${t('chart.progress')} ${p.value[3]}%\n¥${Math.round(p.value[2] / 100).toLocaleString('en-US')}`,
    }),
    grid: { left: pad, right: pad, top: pad, bottom: pad },
    xAxis: {
      type: 'value',
      min: b.minX,
      max: b.maxX,
      interval: 5 * b.k,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { show: false },
      splitLine: { lineStyle: { color: GRID_LINE, type: 'dashed' } },
    },
    yAxis: {
      type: 'value',
      min: b.minY,
      max: b.maxY,
      interval: 5,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { show: false },
      splitLine: { lineStyle: { color: GRID_LINE, type: 'dashed' } },
    },
    series: [
      {
        id: 'radiating',
        type: 'scatter',
        itemStyle: { opacity: 0.85, borderColor: 'rgba(255,255,255,0.35)', borderWidth: 1 },
        emphasis: { scale: 1.3 },
        data: list.filter((c) => c.tier !== 'core').map(point),
      },
      {
        id: 'core',
        type: 'scatter',
        z: 3,
        itemStyle: { opacity: 0.95, borderColor: GOLD, borderWidth: 3, shadowColor: GOLD, shadowBlur: 14 },
        label: { show: true, position: 'right', color: GOLD, fontSize: 15, fontWeight: 700, formatter: (p) => p.name },
        labelLayout: { hideOverlap: true },
        data: list.filter((c) => c.tier === 'core').map(point),
      },
    ],
  };
}
