/**
 * The page frame shared by all pages: scales the 1920x1080 stage to fit the window (letterboxed,
 * no scroll bars), applies `?kiosk=1` (no cursor, no controls) and `?rotate=N` (go to the next
 * page of the rotation after N seconds, keeping the parameters), and keeps the connection
 * indicator and stale warning in step with the store.
 */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;

export function params() {
  return new URLSearchParams(window.location.search);
}

/** Scales `stage` to the window; calls `onScale(scale)` now and after every (debounced) resize. */
export function fitStage(stage, onScale) {
  let timer = null;
  const apply = () => {
    const w = window.innerWidth;
    const h = window.innerHeight;
    const s = Math.min(w / DESIGN_WIDTH, h / DESIGN_HEIGHT);
    const x = (w - DESIGN_WIDTH * s) / 2;
    const y = (h - DESIGN_HEIGHT * s) / 2;
    stage.style.transform = `translate(${x}px, ${y}px) scale(${s})`;
    if (onScale) onScale(s);
  };
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  apply();
}

/** `?kiosk=1` hides cursor and controls. */
export function applyKiosk() {
  if (params().get('kiosk') === '1') document.body.classList.add('kiosk');
}

/** `?rotate=N`: after N seconds (at least 10) go to `next`, keeping the query string. */
export function applyRotation(next) {
  const seconds = Number(params().get('rotate'));
  if (!Number.isFinite(seconds) || seconds <= 0) return;
  setTimeout(() => {
    window.location.assign(next + window.location.search);
  }, Math.max(10, seconds) * 1000);
}

/** Mirrors the store's connection and staleness into the indicator and the warning. */
export function bindStatus(store, t) {
  const conn = document.getElementById('connection');
  const connText = conn ? conn.querySelector('.conn-text') : null;
  const stale = document.getElementById('stale-warning');
  const render = (state) => {
    if (conn) {
      conn.dataset.state = state.connection;
      if (connText) connText.textContent = t(`conn.${state.connection}`);
    }
    if (stale) stale.hidden = !state.stale;
  };
  render(store.state);
  store.subscribe(render);
}
