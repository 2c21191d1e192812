/**
 * Sales per minute (yuan) over the kept window, all counties as an area with the two tiers as
 * thin lines. Pure: (series by scope, labels) → ECharts option.
 */
import { base, tooltip, noData, DIM, GRID_LINE, AXIS_LINE, ACCENT, GOLD } from './common.js';
import { minuteAxisFormatter } from '../format.js';
import { timeOf } from '../windows.js';

function toXY(points, field, divisor) {
  return (points || []).map((p) => [timeOf(p), (Number(p[field]) || 0) / divisor]);
}

/** Milliseconds from the first to the last minute of any of the (ascending) lists. */
function spanOf(...lists) {
  let first = Infinity;
  let last = -Infinity;
  for (const list of lists) {
    if (!list || list.length === 0) continue;
    first = Math.min(first, timeOf(list[0]));
    last = Math.max(last, timeOf(list[list.length - 1]));
  }
  return last > first ? last - first : 0;
}

/**
 * The per-minute charts are drawn without update animation. Between two updates a window of up to
 * 1,440 points can move by many minutes (a reconnect, a replay, a demo at speed): ECharts then
 * morphs the old line into the new one point by point, which draws diagonals back across the chart
 * and leaves half-faded axis labels over each other — on a wall refreshed every second it never
 * settles. A line of minutes gains nothing from the morph; the first drawing still animates.
 */
const NO_MORPH = { animationDurationUpdate: 0 };

export function salesTrendOption(series, t) {
  const all = (series && series.all) || [];
  const span = spanOf(all, series && series['tier:core'], series && series['tier:radiating']);
  return {
    ...base(),
    ...NO_MORPH,
    ...noData(t, all.length === 0),
    tooltip: tooltip({ trigger: 'axis' }),
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: '#e8eefc', fontSize: 14 } },
    grid: { left: 8, right: 16, top: 30, bottom: 4, containLabel: true },
    xAxis: {
      type: 'time',
      axisLabel: { color: DIM, fontSize: 13, hideOverlap: true, formatter: minuteAxisFormatter(span) },
      axisLine: { lineStyle: { color: AXIS_LINE } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: DIM, fontSize: 13 },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        id: 'all',
        name: t('scope.all'),
        type: 'line',
        showSymbol: false,
        sampling: 'lttb',
        lineStyle: { width: 2, color: ACCENT },
        areaStyle: {
          color: {
            type: 'linear', x: 0, y: 0, x2: 0, y2: 1,
            colorStops: [
              { offset: 0, color: 'rgba(56, 198, 255, 0.45)' },
              { offset: 1, color: 'rgba(56, 198, 255, 0.02)' },
            ],
          },
        },
        itemStyle: { color: ACCENT },
        data: toXY(all, 'salesFen', 100),
      },
      {
        id: 'core',
        name: t('scope.tier:core'),
        type: 'line',
        showSymbol: false,
        sampling: 'lttb',
        lineStyle: { width: 1.2, color: GOLD },
        itemStyle: { color: GOLD },
        data: toXY(series && series['tier:core'], 'salesFen', 100),
      },
      {
        id: 'radiating',
        name: t('scope.tier:radiating'),
        type: 'line',
        showSymbol: false,
        sampling: 'lttb',
        lineStyle: { width: 1.2, color: '#9b7bff' },
        itemStyle: { color: '#9b7bff' },
        data: toXY(series && series['tier:radiating'], 'salesFen', 100),
      },
    ],
  };
}

/**
 * A bar + line per minute (e.g. sales bars and new-viewer or order line) on two y axes.
 * @param spec {bar:{field, divisor, name, color}, line:{field, name, color}}
 */
export function barLineOption(points, spec, t) {
  const list = points || [];
  return {
    ...base(),
    ...NO_MORPH,
    ...noData(t, list.length === 0),
    tooltip: tooltip({ trigger: 'axis' }),
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: '#e8eefc', fontSize: 14 } },
    grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
    xAxis: {
      type: 'time',
      axisLabel: { color: DIM, fontSize: 13, hideOverlap: true, formatter: minuteAxisFormatter(spanOf(list)) },
      axisLine: { lineStyle: { color: AXIS_LINE } },
      splitLine: { show: false },
    },
    yAxis: [
      { type: 'value', axisLabel: { color: DIM, fontSize: 13 }, splitLine: { lineStyle: { color: GRID_LINE } } },
      { type: 'value', axisLabel: { color: DIM, fontSize: 13 }, splitLine: { show: false } },
    ],
    series: [
      {
        id: 'bar',
        name: spec.bar.name,
        type: 'bar',
        barMaxWidth: 10,
        itemStyle: { color: spec.bar.color || ACCENT, borderRadius: [2, 2, 0, 0] },
        data: toXY(list, spec.bar.field, spec.bar.divisor || 1),
      },
      {
        id: 'line',
        name: spec.line.name,
        type: 'line',
        yAxisIndex: 1,
        showSymbol: false,
        smooth: true,
        lineStyle: { width: 2, color: spec.line.color || GOLD },
        itemStyle: { color: spec.line.color || GOLD },
        data: toXY(list, spec.line.field, spec.line.divisor || 1),
      },
    ],
  };
}
