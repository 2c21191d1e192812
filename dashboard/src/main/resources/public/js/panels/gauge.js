/**
 * One annual KPI as a ring: completion against the target in the pace colour, and a white marker
 * where the calendar says it should be now. Pure: (progress entry, labels) → ECharts option.
 */
import { base } from './common.js';
import { PACE_COLORS } from '../kpis.js';

const ARC = { startAngle: 225, endAngle: -45, min: 0, max: 100, radius: '92%', center: ['50%', '56%'] };
const HIDDEN = {
  axisTick: { show: false },
  splitLine: { show: false },
  axisLabel: { show: false },
  anchor: { show: false },
  title: { show: false },
};

/**
 * @param p KpiProgress JSON ({value,target,progress,expected,pace}) or null
 * @returns ECharts option with series `progress` (data = completion %, capped at 100 for the ring)
 *   and `expected` (data = expected %)
 */
export function gaugeOption(p) {
  const progress = p && typeof p.progress === 'number' ? p.progress : null;
  const expected = p && typeof p.expected === 'number' ? p.expected : 0;
  const color = PACE_COLORS[(p && p.pace) || 'none'] || PACE_COLORS.none;
  const pct = progress === null ? 0 : Math.min(100, progress * 100);
  const label = progress === null ? '—' : `${(progress * 100).toFixed(1)}%`;
  return {
    ...base(),
    series: [
      {
        id: 'progress',
        type: 'gauge',
        ...ARC,
        ...HIDDEN,
        progress: { show: true, width: 13, roundCap: true, itemStyle: { color, shadowColor: color, shadowBlur: 12 } },
        axisLine: { roundCap: true, lineStyle: { width: 13, color: [[1, 'rgba(142, 160, 200, 0.14)']] } },
        pointer: { show: false },
        detail: {
          offsetCenter: [0, '4%'],
          fontSize: 23,
          fontWeight: 700,
          fontFamily: '"Roboto Condensed", "Noto Sans CJK SC", sans-serif',
          color: '#e8eefc',
          formatter: () => label,
        },
        data: [{ value: pct }],
      },
      {
        id: 'expected',
        type: 'gauge',
        ...ARC,
        ...HIDDEN,
        axisLine: { show: false },
        progress: { show: false },
        pointer: {
          show: true,
          icon: 'rect',
          length: '30%',
          width: 5,
          offsetCenter: [0, '-80%'],
          itemStyle: { color: '#ffffff', shadowColor: 'rgba(255,255,255,0.8)', shadowBlur: 6 },
        },
        detail: { show: false },
        data: [{ value: Math.min(100, expected * 100) }],
      },
    ],
  };
}
