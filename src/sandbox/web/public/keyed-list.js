// @ts-check
/** The HTML each item was drawn from, to tell which items changed. */
const drawnFrom = new WeakMap();

/**
 * Keeps a container's children in step with a list of keyed HTML strings, touching only the
 * items whose HTML changed. A message updated in place keeps its place and is marked, so the
 * change can be seen (and an open menu in another message stays open).
 *
 * @param {HTMLElement} container
 * @param {{ key: string; html: string }[]} items
 * @returns {{ added: HTMLElement[]; updated: HTMLElement[] }}
 */
export function syncKeyedList(container, items) {
  /** @type {Map<string, HTMLElement>} */
  const existing = new Map();
  for (const child of /** @type {HTMLElement[]} */ ([...container.children])) {
    if (child.dataset.key) existing.set(child.dataset.key, child);
  }
  /** @type {HTMLElement[]} */
  const added = [];
  /** @type {HTMLElement[]} */
  const updated = [];
  /** @type {Element | null} */
  let previous = null;
  for (const { key, html } of items) {
    let node = existing.get(key);
    existing.delete(key);
    if (!node || drawnFrom.get(node) !== html) {
      const fresh = fromHtml(html);
      fresh.dataset.key = key;
      drawnFrom.set(fresh, html);
      if (node) {
        node.replaceWith(fresh);
        updated.push(fresh);
      } else added.push(fresh);
      node = fresh;
    }
    /** @type {Element | null} */
    const after = previous ? previous.nextElementSibling : container.firstElementChild;
    if (after !== node) container.insertBefore(node, after);
    previous = node;
  }
  for (const gone of existing.values()) gone.remove();
  return { added, updated };
}

/** @param {string} html */
function fromHtml(html) {
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  const node = template.content.firstElementChild;
  if (!(node instanceof HTMLElement)) throw new Error('an item must be one element');
  return node;
}

/**
 * Replaces an element's content only when its HTML changed, so a redraw with nothing new keeps
 * focus, scroll and open menus.
 * @param {HTMLElement} element
 * @param {string} html
 */
export function setHtml(element, html) {
  if (drawnFrom.get(element) === html) return;
  drawnFrom.set(element, html);
  element.innerHTML = html;
}
