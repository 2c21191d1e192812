/**
 * Core vs radiating counties: completion of every KPI that has a tier target, side by side, with
 * the calendar's expected progress as a vertical line. Pure: (scopes, labels) → ECharts option.
 */
import { base, tooltip, DIM, GRID_LINE, AXIS_LINE, GOLD, ACCENT } from './common.js';
import { expectedOf } from '../kpis.js';

export const TIER_KPIS = ['exposure', 'salesFen', 'shops', 'products', 'trainees', 'posts', 'reads', 'households'];
const CAP = 150;

function pctOf(scope, kpi) {
  const p = scope && scope.progress && scope.progress[kpi];
  if (!p || typeof p.progress !== 'number') return '-';
  return Math.min(CAP, Math.round(p.progress * 1000) / 10);
}

/**
 * @param scopes the `scopes` map of /api/progress
 * @param counts number of counties per tier ({core: 10, radiating: 100}), for the legend
 */
export function tiersOption(scopes, t, counts = {}) {
  const core = scopes ? scopes['tier:core'] : null;
  const rad = scopes ? scopes['tier:radiating'] : null;
  const kpis = TIER_KPIS.filter(
    (k) => (core && core.targets && core.targets[k]) || (rad && rad.targets && rad.targets[k]),
  );
  const expected = expectedOf(scopes);
  const label = {
    show: true,
    position: 'right',
    color: '#e8eefc',
    fontSize: 13,
    formatter: (p) => (p.value === '-' ? '' : `${p.value}%`),
  };
  return {
    ...base(),
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: '#e8eefc', fontSize: 15 } },
    tooltip: tooltip({ trigger: 'axis', axisPointer: { type: 'shadow' } }),
    grid: { left: 8, right: 52, top: 50, bottom: 4, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: (v) => Math.max(100, Math.ceil(v.max / 10) * 10),
      axisLabel: { color: DIM, fontSize: 13, formatter: '{value}%' },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: kpis.map((k) => t(`kpi.${k}`)),
      axisLabel: { color: '#e8eefc', fontSize: 15 },
      axisLine: { lineStyle: { color: AXIS_LINE } },
      axisTick: { show: false },
    },
    series: [
      {
        id: 'core',
        name: counts.core ? `${t('scope.tier:core')} · ${t('wall.tierCounties', { n: counts.core })}` : t('scope.tier:core'),
        type: 'bar',
        barWidth: 12,
        barGap: '25%',
        itemStyle: { color: GOLD, borderRadius: [0, 5, 5, 0] },
        label,
        data: kpis.map((k) => pctOf(core, k)),
        markLine:
          expected === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#ffffff', type: 'dashed', width: 1.5 },
                label: { position: 'start', color: '#ffffff', fontSize: 13, formatter: () => `${t('chart.expected')} ${(expected * 100).toFixed(1)}%` },
                data: [{ xAxis: Math.round(expected * 1000) / 10 }],
              },
      },
      {
        id: 'radiating',
        name: counts.radiating
          ? `${t('scope.tier:radiating')} · ${t('wall.tierCounties', { n: counts.radiating })}`
          : t('scope.tier:radiating'),
        type: 'bar',
        barWidth: 12,
        itemStyle: { color: ACCENT, borderRadius: [0, 5, 5, 0] },
        label,
        data: kpis.map((k) => pctOf(rad, k)),
      },
    ],
  };
}
