/**
 * Owns the life of the ECharts instances of one page: init, updates, re-rendering at the right
 * pixel density when the stage scale changes, and dispose. Panels hand in plain option objects
 * (see js/panels); this module is the only place that talks to `echarts.init`.
 *
 * The stage is a fixed 1920x1080 surface scaled with a CSS transform, so a chart's layout size
 * never changes; what changes with the window is how many device pixels a CSS pixel covers. The
 * canvas is therefore rebuilt with devicePixelRatio x stage scale (debounced), so a 4K wall gets
 * sharp lines instead of an up-scaled 1080p bitmap.
 */

const echarts = window.echarts;

/** A structural fingerprint: when it changes the option is set afresh instead of merged. */
function shapeOf(option) {
  const series = Array.isArray(option.series) ? option.series : [option.series];
  return series.map((s) => `${s && s.type}:${s && s.id ? s.id : ''}`).join('|') + `#${option.shape || ''}`;
}

/** One chart bound to one element. */
export class ManagedChart {
  constructor(el, dpr) {
    this.el = el;
    this.dpr = dpr;
    this.option = null;
    this.shape = null;
    this.instance = this.init();
    // A panel whose box changes (a header line wrapping, a language switch) redraws to fit; the
    // observer reports layout sizes, which the stage's transform does not affect.
    this.resizeTimer = null;
    this.observer = new ResizeObserver(() => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => {
        if (this.instance) this.instance.resize();
      }, 150);
    });
    this.observer.observe(el);
  }

  init() {
    const instance = echarts.init(this.el, 'dark', { renderer: 'canvas', devicePixelRatio: this.dpr });
    // data-settled tells a screenshot (or a test) that drawing and animation are done.
    instance.on('finished', () => {
      this.el.dataset.settled = 'true';
    });
    return instance;
  }

  /** Shows `option`: merged into the chart when the series layout is unchanged, else replaced. */
  update(option) {
    if (!this.instance) return;
    const shape = shapeOf(option);
    const fresh = shape !== this.shape;
    this.el.dataset.settled = 'false';
    this.instance.setOption(option, { notMerge: fresh, lazyUpdate: true });
    this.shape = shape;
    this.option = option;
  }

  setPixelRatio(dpr) {
    if (!this.instance || Math.abs(dpr - this.dpr) < 0.05) return;
    this.instance.dispose();
    this.dpr = dpr;
    this.instance = this.init();
    if (this.option) this.instance.setOption(this.option, { notMerge: true });
  }

  dispose() {
    clearTimeout(this.resizeTimer);
    if (this.observer) this.observer.disconnect();
    this.observer = null;
    if (this.instance) this.instance.dispose();
    this.instance = null;
    this.option = null;
  }
}

/**
 * The charts of a page. `mount(el)` creates or returns the chart of an element; `setScale(s)`
 * re-renders all at the new density (debounced); everything is disposed when the page goes away.
 */
export function createChartGroup() {
  const charts = new Map();
  let scale = 1;
  let timer = null;
  const dpr = () => Math.max(1, (window.devicePixelRatio || 1) * scale);

  const group = {
    mount(el) {
      let c = charts.get(el);
      if (!c) {
        c = new ManagedChart(el, dpr());
        charts.set(el, c);
      }
      return c;
    },
    unmount(el) {
      const c = charts.get(el);
      if (c) c.dispose();
      charts.delete(el);
    },
    setScale(s) {
      scale = s;
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const c of charts.values()) c.setPixelRatio(dpr());
      }, 300);
    },
    disposeAll() {
      clearTimeout(timer);
      for (const c of charts.values()) c.dispose();
      charts.clear();
    },
    size() {
      return charts.size;
    },
  };
  window.addEventListener('pagehide', () => group.disposeAll(), { once: true });
  return group;
}
