// @ts-check
import { elementAt } from './block-kit/render.js';

/**
 * What a person entered in a view, read from its controls in the shape Slack reports in
 * `view.state.values`: `{ [block_id]: { [action_id]: { type, value | selected_… } } }`.
 */

/** @typedef {Record<string, any>} Json */

/**
 * @param {HTMLElement} root the view's form
 * @param {Json[]} blocks the view's blocks, for the options behind a select's value
 * @returns {Record<string, Record<string, Json>>}
 */
export function collectValues(root, blocks) {
  /** @type {Record<string, Record<string, Json>>} */
  const values = {};
  for (const node of /** @type {HTMLElement[]} */ ([...root.querySelectorAll('[data-el][data-input]')])) {
    const { blockId = '', actionId = '' } = node.dataset;
    const element = elementAt(blocks, blockId, actionId);
    if (!element) continue;
    values[blockId] ??= {};
    values[blockId][actionId] = controlState(node, element);
  }
  return values;
}

/**
 * A control's value as Slack's state object for its element.
 * @param {HTMLElement} node
 * @param {Json} element
 * @returns {Json}
 */
export function controlState(node, element) {
  const type = String(element.type);
  const value =
    node instanceof HTMLInputElement ||
    node instanceof HTMLTextAreaElement ||
    node instanceof HTMLSelectElement
      ? node.value
      : '';
  const picked =
    node instanceof HTMLSelectElement ? [...node.selectedOptions].map((o) => o.value).filter(Boolean) : [];
  const ticked = [
    .../** @type {NodeListOf<HTMLInputElement>} */ (node.querySelectorAll('input:checked')),
  ].map((i) => i.value);
  const option = (/** @type {string} */ v) => allOptions(element).find((o) => String(o.value) === v) ?? null;
  switch (type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { type, value: value === '' ? null : value };
    case 'datepicker':
      return { type, selected_date: value || null };
    case 'timepicker':
      return {
        type,
        selected_time: value || null,
        ...(element.timezone ? { timezone: element.timezone } : {}),
      };
    case 'datetimepicker':
      return { type, selected_date_time: value ? Math.floor(new Date(value).getTime() / 1000) : null };
    case 'static_select':
      return { type, selected_option: option(value) };
    case 'multi_static_select':
      return { type, selected_options: picked.map(option).filter(Boolean) };
    case 'external_select':
    case 'multi_external_select': {
      const chosen = JSON.parse(node.dataset.selected ?? 'null');
      return type === 'external_select'
        ? { type, selected_option: chosen }
        : { type, selected_options: chosen ?? [] };
    }
    case 'users_select':
      return { type, selected_user: value || null };
    case 'multi_users_select':
      return { type, selected_users: picked };
    case 'conversations_select':
      return { type, selected_conversation: value || null };
    case 'multi_conversations_select':
      return { type, selected_conversations: picked };
    case 'channels_select':
      return { type, selected_channel: value || null };
    case 'multi_channels_select':
      return { type, selected_channels: picked };
    case 'checkboxes':
      return { type, selected_options: ticked.map(option).filter(Boolean) };
    case 'radio_buttons':
      return { type, selected_option: ticked[0] === undefined ? null : option(ticked[0]) };
    default:
      return { type };
  }
}

/** @param {Json} element @returns {Json[]} */
function allOptions(element) {
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  return [...(element.options ?? []), ...groups.flatMap((/** @type {Json} */ g) => g.options ?? [])];
}

/**
 * Puts a state object back into a control: after the bot updates a view, what the person typed
 * since their last action is not lost.
 * @param {HTMLElement} node
 * @param {Json} state
 */
export function applyState(node, state) {
  if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) {
    const v = state.value ?? state.selected_date ?? state.selected_time ?? null;
    node.value = v === null ? '' : String(v);
    return;
  }
  if (node instanceof HTMLSelectElement) {
    const single =
      state.selected_option?.value ??
      state.selected_user ??
      state.selected_conversation ??
      state.selected_channel;
    const many = (state.selected_options ?? []).map((/** @type {Json} */ o) => String(o.value));
    const chosen = new Set([
      ...(single ? [String(single)] : []),
      ...many,
      ...(state.selected_users ?? []),
      ...(state.selected_conversations ?? []),
    ]);
    for (const option of node.options) option.selected = chosen.has(option.value);
    return;
  }
  if (node.classList.contains('bk-external')) {
    const chosen = state.selected_option ?? state.selected_options ?? null;
    node.dataset.selected = JSON.stringify(chosen);
    const input = node.querySelector('input');
    const list = Array.isArray(chosen) ? chosen : chosen ? [chosen] : [];
    if (input) input.value = list.map((o) => o.text?.text ?? o.value).join(', ');
    return;
  }
  const ticked = new Set([
    ...(state.selected_options ?? []).map((/** @type {Json} */ o) => String(o.value)),
    ...(state.selected_option ? [String(state.selected_option.value)] : []),
  ]);
  for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (node.querySelectorAll('input')))
    input.checked = ticked.has(input.value);
}
