/** Shared look of all panels: dark, transparent background, readable on a wall across a room. */
export const TEXT = '#e8eefc';
export const DIM = '#8ea0c8';
export const GRID_LINE = 'rgba(142, 160, 200, 0.12)';
export const AXIS_LINE = 'rgba(142, 160, 200, 0.35)';
export const ACCENT = '#38c6ff';
export const GOLD = '#ffcf5c';
export const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

/** Options every panel starts from. */
export function base() {
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: FONT, color: TEXT },
    animationDuration: 600,
    animationDurationUpdate: 500,
  };
}

/** The tooltip drawn on the canvas (no HTML: the CSP forbids inline styles, and event text stays text). */
export function tooltip(extra) {
  return { renderMode: 'richText', backgroundColor: 'rgba(10, 19, 40, 0.95)', borderColor: AXIS_LINE, textStyle: { color: TEXT }, ...extra };
}

/** A centred "no data" message shown when a panel has nothing to draw. */
export function noData(t, show) {
  return {
    graphic: [
      {
        id: 'no-data',
        type: 'text',
        left: 'center',
        top: 'middle',
        invisible: !show,
        style: { text: t('chart.noData'), fill: DIM, fontSize: 20, fontFamily: FONT },
      },
    ],
  };
}
