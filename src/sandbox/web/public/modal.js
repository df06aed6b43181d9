// @ts-check
import { attrs, esc } from './block-kit/html.js';
import { renderBlocks, renderPlain } from './block-kit/render.js';
import { renderContext } from './render-context.js';
import { applyState, collectValues } from './view-values.js';

/**
 * The modal on top of this person's view stack, drawn like Slack's: title, × (closes the whole
 * stack), a back arrow on pushed views, the blocks with the errors the bot returned under their
 * inputs, and Close / Submit. Drawn again only when the view, its hash or its errors change, so
 * typing is never interrupted; what was typed since the last action survives a redraw.
 */

/** @type {{ key: string; viewId: string | null; blocks: Record<string, any>[] }} */
let shown = { key: '', viewId: null, blocks: [] };
/** Values as they were last sent to the bot, by `block/action`, as JSON. */
let sent = new Map();

/** @param {import('./types.js').SandboxState} state */
export function renderModal(state) {
  const root = /** @type {HTMLElement} */ (document.getElementById('modal-root'));
  const views = state.modal.views;
  const top = views.at(-1);
  if (!top) {
    if (shown.viewId) root.innerHTML = '';
    shown = { key: '', viewId: null, blocks: [] };
    return;
  }
  const errors = state.modal.errors[top.id] ?? {};
  const key = JSON.stringify([top.id, top.hash, errors, views.length]);
  if (key === shown.key) return;

  const oldForm = /** @type {HTMLFormElement | null} */ (root.querySelector('form.modal-form'));
  const typed = oldForm && shown.viewId === top.id ? unsent(collectValues(oldForm, shown.blocks)) : [];
  const focused = document.activeElement?.closest('[data-el]');
  const focusKey =
    focused instanceof HTMLElement && root.contains(focused)
      ? `${focused.dataset.blockId}/${focused.dataset.actionId}`
      : null;

  root.innerHTML = modalHtml(state, top, errors, views.length > 1);
  shown = { key, viewId: top.id, blocks: top.blocks };
  const form = /** @type {HTMLFormElement} */ (root.querySelector('form.modal-form'));
  for (const [blockId, actionId, value] of typed) {
    const node = control(form, blockId, actionId);
    if (node) applyState(node, value);
  }
  if (oldForm === null) sent = new Map();
  const again = focusKey ? control(form, .../** @type {[string, string]} */ (focusKey.split('/'))) : null;
  const first = again ?? form.querySelector('input, textarea, select');
  const focusable = first?.matches('input, textarea, select, button')
    ? first
    : first?.querySelector('input, textarea, select, button');
  if (focusable instanceof HTMLElement) focusable.focus({ preventScroll: true });
}

/**
 * @param {import('./types.js').SandboxState} state
 * @param {import('./types.js').View} view
 * @param {Record<string, string>} errors
 * @param {boolean} stacked
 */
function modalHtml(state, view, errors, stacked) {
  const ctx = {
    ...renderContext(state),
    surface: /** @type {const} */ ('modal'),
    state: view.state.values,
    errors,
    formId: view.id,
  };
  const back = stacked ? '<button type="button" class="modal-back" aria-label="Back">←</button>' : '';
  const submit = view.submit
    ? `<button type="submit" class="modal-submit bk-primary">${renderPlain(view.submit)}</button>`
    : '';
  const close = renderPlain(view.close ?? { type: 'plain_text', text: view.submit ? 'Cancel' : 'Close' });
  return `<div class="modal-backdrop"><section class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title"${attrs({ 'data-view-id': view.id })}>
  <header class="modal-header">${back}<h2 id="modal-title">${esc(view.title?.text ?? '')}</h2><button type="button" class="modal-x" aria-label="Close all">×</button></header>
  <form class="modal-form" novalidate><div class="modal-body">${renderBlocks(view.blocks, ctx)}</div>
  <footer class="modal-footer"><button type="button" class="modal-close">${close}</button>${submit}</footer></form></section></div>`;
}

/**
 * @param {HTMLElement} form
 * @param {string} blockId
 * @param {string} actionId
 * @returns {HTMLElement | null}
 */
function control(form, blockId, actionId) {
  return form.querySelector(
    `[data-el][data-block-id="${CSS.escape(blockId)}"][data-action-id="${CSS.escape(actionId)}"]`,
  );
}

/**
 * The entries that differ from what the bot was last sent.
 * @param {Record<string, Record<string, Record<string, any>>>} values
 * @returns {[string, string, Record<string, any>][]}
 */
function unsent(values) {
  return Object.entries(values).flatMap(([blockId, actions]) =>
    Object.entries(actions)
      .filter(([actionId, value]) => sent.get(`${blockId}/${actionId}`) !== JSON.stringify(value))
      .map(
        ([actionId, value]) =>
          /** @type {[string, string, Record<string, any>]} */ ([blockId, actionId, value]),
      ),
  );
}

/**
 * Remembers the values that went to the bot with an action or a submission.
 * @param {Record<string, Record<string, Record<string, any>>> | undefined} values
 */
export function markSent(values) {
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    for (const [actionId, value] of Object.entries(actions))
      sent.set(`${blockId}/${actionId}`, JSON.stringify(value));
  }
}

/** The blocks of the modal on screen, for reading what was entered. */
export function shownBlocks() {
  return shown.blocks;
}
