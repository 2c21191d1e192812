/**
 * Tiny DOM helpers. Text from events (titles, hosts, names) only ever goes through `textContent`;
 * nothing here accepts HTML.
 */

/** Creates an element with classes and optional text. */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** Sets text only when it changed (saves layout work on a page that updates for days). */
export function setText(node, text) {
  const s = text === undefined || text === null ? '' : String(text);
  if (node.textContent !== s) node.textContent = s;
}

/** Sets a data attribute only when it changed. */
export function setData(node, key, value) {
  const s = value === undefined || value === null ? '' : String(value);
  if (node.dataset[key] !== s) node.dataset[key] = s;
}

/** Reorders `parent`'s children to `nodes` with the fewest moves for an unchanged order. */
export function reorder(parent, nodes) {
  let ref = parent.firstChild;
  for (const n of nodes) {
    if (n === ref) {
      ref = ref.nextSibling;
    } else {
      parent.insertBefore(n, ref);
    }
  }
  while (ref) {
    const next = ref.nextSibling;
    parent.removeChild(ref);
    ref = next;
  }
}
