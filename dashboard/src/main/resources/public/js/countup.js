/**
 * A number that counts up to each new value. For a KPI that never decreases the displayed value
 * is max(shown, new): a late or re-sent figure can never make the wall visibly drop. The exact
 * value received is kept in `data-value` (what tests and screen readers use).
 */
export class CountUp {
  /**
   * @param {HTMLElement} el where the formatted value is shown
   * @param {(n:number)=>string} format turns a value into text
   * @param {{monotonic?: boolean, durationMs?: number}} options
   */
  constructor(el, format, options = {}) {
    this.el = el;
    this.format = format;
    this.monotonic = options.monotonic !== false;
    this.durationMs = options.durationMs ?? 900;
    this.shown = null;
    this.target = null;
    this.frame = null;
  }

  set(value) {
    const v = Number(value) || 0;
    this.el.dataset.value = String(value ?? 0);
    const target = this.monotonic && this.target !== null ? Math.max(this.target, v) : v;
    if (target === this.target) return;
    this.target = target;
    const from = this.shown ?? target;
    if (this.shown === null || document.hidden || this.durationMs <= 0 || from === target) {
      if (this.frame !== null) cancelAnimationFrame(this.frame);
      this.frame = null;
      delete this.el.dataset.animating;
      this.show(target);
      return;
    }
    this.animate(from, target);
  }

  animate(from, to) {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    const start = performance.now();
    this.el.dataset.animating = 'true';
    const step = (now) => {
      const k = Math.min(1, (now - start) / this.durationMs);
      const eased = 1 - (1 - k) ** 3;
      const v = k >= 1 ? to : from + (to - from) * eased;
      this.show(this.monotonic ? Math.max(this.shown ?? v, Math.floor(v)) : Math.round(v));
      this.frame = k >= 1 ? null : requestAnimationFrame(step);
      if (k >= 1) delete this.el.dataset.animating;
    };
    this.frame = requestAnimationFrame(step);
  }

  show(v) {
    this.shown = v;
    this.el.textContent = this.format(v);
  }

  /** Forgets the shown value (after a detected campaign reset). */
  reset() {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    delete this.el.dataset.animating;
    this.shown = null;
    this.target = null;
  }
}
