// @ts-check
import { post } from './api.js';
import { elementAt } from './block-kit/render.js';
import { askToConfirm, reportProblems, toast } from './dialogs.js';
import { choose, closeSearch, onSearchInput, onSearchKey, optionOfItem } from './external-select.js';
import { markSent } from './modal.js';
import { store } from './store.js';
import { collectValues, controlState } from './view-values.js';

/**
 * What people do with Block Kit elements, wherever they are (a message, an ephemeral message, a
 * modal, the Home tab): each use becomes the block_actions payload Slack would send, through
 * the sandbox server. Listeners are delegated from the document, so redrawn content needs none.
 */

/** @typedef {Record<string, any>} Json */
/** @typedef {{ where: Json; blocks: Json[]; form: HTMLFormElement | null; viewId: string | null }} Surface */

/**
 * Where a control is, and the blocks it was drawn from.
 * @param {HTMLElement} node
 * @returns {Surface | null}
 */
function surfaceOf(node) {
  const state = store.state;
  if (!state) return null;
  const viewNode = /** @type {HTMLElement | null} */ (node.closest('[data-view-id]'));
  if (viewNode) {
    const id = viewNode.dataset.viewId ?? '';
    const view = state.modal.views.find((v) => v.id === id) ?? (state.home?.id === id ? state.home : null);
    if (!view) return null;
    return { where: { view: id }, blocks: view.blocks, form: viewNode.querySelector('form'), viewId: id };
  }
  const article = /** @type {HTMLElement | null} */ (node.closest('article.message'));
  if (!article || !state.open) return null;
  const ts = article.dataset.ts ?? '';
  if (article.dataset.kind === 'ephemeral') {
    const ephemeral = state.open.ephemerals.find((e) => e.ts === ts);
    return ephemeral
      ? { where: { ephemeral: ts }, blocks: ephemeral.blocks ?? [], form: null, viewId: null }
      : null;
  }
  const message = state.open.messages.find((m) => m.ts === ts);
  return message
    ? {
        where: { message: { channel: state.open.id, ts } },
        blocks: message.blocks ?? [],
        form: null,
        viewId: null,
      }
    : null;
}

/**
 * Sends the bot what using `control` means: its confirm dialog first, when it has one.
 * @param {HTMLElement} control a `[data-el]` root
 * @param {unknown} value what was chosen; undefined for a button
 */
async function act(control, value) {
  const surface = surfaceOf(control);
  const { blockId = '', actionId = '' } = control.dataset;
  if (!surface || !store.user) return;
  const element = elementAt(surface.blocks, blockId, actionId);
  if (element?.confirm && !(await askToConfirm(element.confirm))) return;
  if (typeof element?.url === 'string') window.open(element.url, '_blank', 'noopener');
  const values = surface.form ? collectValues(surface.form, surface.blocks) : undefined;
  markSent(values);
  control.classList.add('busy');
  try {
    reportProblems(
      await post('action', {
        user: store.user,
        where: surface.where,
        block_id: blockId,
        action_id: actionId,
        value,
        values,
      }),
    );
  } catch (error) {
    toast(error instanceof Error ? error.message : String(error));
  } finally {
    control.classList.remove('busy');
  }
}

/**
 * A change in a select, date picker or choice group is sent at once outside input blocks
 * (actions blocks, accessories) and, in input blocks, when the block has dispatch_action.
 * @param {HTMLElement} control
 */
function sendsOnChange(control) {
  return control.dataset.input === undefined || control.dataset.dispatch !== undefined;
}

/** @param {HTMLElement} control */
function stateOfControl(control) {
  const surface = surfaceOf(control);
  const element =
    surface && elementAt(surface.blocks, control.dataset.blockId ?? '', control.dataset.actionId ?? '');
  return element ? controlState(control, element) : undefined;
}

/** @param {MouseEvent} event */
function onClick(event) {
  const target = /** @type {HTMLElement} */ (event.target);
  const button = /** @type {HTMLElement | null} */ (target.closest('button[data-el][data-type="button"]'));
  if (button) {
    act(button, undefined);
    return;
  }
  const toggle = target.closest('.bk-overflow-toggle');
  for (const open of document.querySelectorAll('.bk-menu:not([hidden])')) {
    if (!toggle || open.parentElement !== toggle.parentElement)
      /** @type {HTMLElement} */ (open).hidden = true;
  }
  if (toggle) {
    const menu = /** @type {HTMLElement | null} */ (toggle.parentElement?.querySelector('.bk-menu') ?? null);
    if (menu) menu.hidden = !menu.hidden;
    return;
  }
  const item = /** @type {HTMLElement | null} */ (target.closest('.bk-menu-item'));
  if (item) {
    /** @type {HTMLElement} */ (item.parentElement).hidden = true;
    act(/** @type {HTMLElement} */ (item.closest('[data-el]')), item.dataset.value);
  }
}

/** @param {Event} event */
function onChange(event) {
  const target = /** @type {HTMLElement} */ (event.target);
  if (target.classList.contains('bk-external-input')) return;
  const control = /** @type {HTMLElement | null} */ (target.closest('[data-el]'));
  if (!control || control.dataset.type === 'plain_text_input' || !sendsOnChange(control)) return;
  if (['number_input', 'email_text_input', 'url_text_input'].includes(control.dataset.type ?? '')) return;
  act(control, stateOfControl(control));
}

/** @param {Event} event */
function onInput(event) {
  const input = /** @type {HTMLElement} */ (event.target);
  if (!(input instanceof HTMLInputElement) || !input.classList.contains('bk-external-input')) return;
  const control = /** @type {HTMLElement} */ (input.closest('[data-el]'));
  const surface = surfaceOf(control);
  if (!surface?.viewId) {
    toast('The sandbox searches external selects in modals and the Home tab only.');
    return;
  }
  const viewId = surface.viewId;
  onSearchInput(input, (typed) =>
    post('suggest', {
      user: store.user,
      view: viewId,
      block_id: control.dataset.blockId,
      action_id: control.dataset.actionId,
      value: typed,
    }),
  );
}

/** @param {KeyboardEvent} event */
function onKeyDown(event) {
  const target = /** @type {HTMLElement} */ (event.target);
  if (target instanceof HTMLInputElement && target.classList.contains('bk-external-input')) {
    const picked = onSearchKey(event);
    if (picked) pick(/** @type {HTMLElement} */ (target.closest('[data-el]')), picked);
    return;
  }
  // A text input with dispatch_action sends its value on Enter (dispatch_action_config's default).
  const control = /** @type {HTMLElement | null} */ (target.closest('[data-el][data-dispatch]'));
  if (event.key === 'Enter' && control && target instanceof HTMLInputElement) {
    event.preventDefault();
    act(control, stateOfControl(control));
  }
}

/** @param {MouseEvent} event */
function onMouseDown(event) {
  const item = /** @type {HTMLElement | null} */ (
    /** @type {HTMLElement} */ (event.target).closest('.bk-option')
  );
  if (!item) return;
  // mousedown, not click: the search box would lose focus (and close the list) first.
  event.preventDefault();
  const option = optionOfItem(item);
  if (option) pick(/** @type {HTMLElement} */ (item.closest('[data-el]')), option);
}

/**
 * @param {HTMLElement} control
 * @param {Json} option
 */
function pick(control, option) {
  choose(control, option);
  if (sendsOnChange(control)) act(control, stateOfControl(control));
}

/** @param {FocusEvent} event */
function onFocusOut(event) {
  const target = /** @type {HTMLElement} */ (event.target);
  if (target.classList?.contains('bk-external-input'))
    closeSearch(/** @type {HTMLElement} */ (target.closest('.bk-external')));
}

export function installInteractions() {
  document.addEventListener('click', onClick);
  document.addEventListener('change', onChange);
  document.addEventListener('input', onInput);
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('mousedown', onMouseDown);
  document.addEventListener('focusout', onFocusOut);
}
