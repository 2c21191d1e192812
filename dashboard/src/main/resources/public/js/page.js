/**
 * What every page does first: labels in the chosen language, the language toggle, kiosk mode,
 * the scaled stage with its charts, the data store and the status indicators, and the registry
 * of counties (fetched once, retried until it arrives).
 */
import { currentLang, translator, applyLabels, wireLangToggle } from './i18n.js';
import { createStore } from './store.js';
import { createChartGroup } from './chart.js';
import { fitStage, applyKiosk, bindStatus } from './stage.js';

export function bootPage(storeOptions = {}) {
  const t = translator(currentLang());
  applyLabels(document, t);
  wireLangToggle(document.getElementById('lang-toggle'), t);
  applyKiosk();
  const charts = createChartGroup();
  fitStage(document.getElementById('stage'), (s) => charts.setScale(s));
  const staleParam = Number(new URLSearchParams(window.location.search).get('staleAfter'));
  const store = createStore({
    ...(Number.isFinite(staleParam) && staleParam > 0 ? { staleAfterMs: staleParam * 1000 } : {}),
    ...storeOptions,
  });
  bindStatus(store, t);
  window.addEventListener('pagehide', () => store.stop(), { once: true });
  return { t, charts, store };
}

/** GETs JSON, retrying with backoff (1 s .. 30 s) until it succeeds; a 404 resolves to null. */
export async function fetchJson(url) {
  let wait = 1000;
  for (;;) {
    try {
      const res = await fetch(url, { headers: { Accept: 'application/json' } });
      if (res.status === 404) return null;
      if (res.ok) return await res.json();
    } catch (e) {
      // the server is restarting: try again below
    }
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(30000, wait * 2);
  }
}

/**
 * Scrolls a list inside its viewport page by page (rows of a fixed height), returning to the top
 * after the last page; pauses while the list fits.
 */
export function autoScroll(viewport, list, rowHeight, intervalMs = 4000) {
  let offset = 0;
  // Show whole rows only: the viewport is cut to a multiple of the row height.
  const fit = () => {
    viewport.style.height = '';
    const rows = Math.max(1, Math.floor(viewport.clientHeight / rowHeight));
    viewport.style.height = `${rows * rowHeight}px`;
    viewport.style.flex = '0 0 auto';
  };
  requestAnimationFrame(fit);
  const timer = setInterval(() => {
    const visible = Math.max(1, Math.floor(viewport.clientHeight / rowHeight));
    const rows = list.children.length;
    if (rows <= visible) {
      offset = 0;
    } else {
      const last = rows - visible;
      offset = offset >= last ? 0 : Math.min(last, offset + Math.max(1, visible - 1));
    }
    list.style.transform = `translateY(${-offset * rowHeight}px)`;
  }, intervalMs);
  window.addEventListener('pagehide', () => clearInterval(timer), { once: true });
}
