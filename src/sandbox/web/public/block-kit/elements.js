// @ts-check
import { attrs, esc, isObject, objects } from './html.js';
import { renderPlain, renderText } from './mrkdwn.js';
import { currentValue, optionsOf } from './options.js';

/**
 * Interactive and input elements as HTML controls. Each control's root carries `data-el` and
 * the block id, action id and type, which is all the page needs to send what Slack would send;
 * `data-input` marks the ones whose values belong to view state (elements of input blocks).
 */

/** @typedef {import('./types.js').RenderContext} RenderContext */
/** @typedef {Record<string, any>} Element */

/**
 * @param {unknown} element
 * @param {string} blockId
 * @param {RenderContext} ctx
 * @param {{ input?: boolean; dispatch?: boolean; label?: string }} place where it sits: an input block's element is
 *   part of view state, and takes the block's label as its accessible name
 */
export function renderElement(element, blockId, ctx, place = {}) {
  if (!isObject(element)) return unknownElement('(not an object)');
  const render = renderers[String(element.type)];
  return render ? render(element, { blockId, ctx, ...place }) : unknownElement(element.type);
}

/**
 * A picker of people or channels in its two kinds: one id in `selected_<name>` (`initial_<name>`
 * before anyone chose), or, for the `multi_` kind, a list in the plural keys.
 * @param {(p: Place) => { value: string; label: string }[]} choices
 * @param {string} name
 * @returns {{ one: (element: Element, place: Place) => string; many: (element: Element, place: Place) => string }}
 */
function picker(choices, name) {
  return {
    one: (el, p) =>
      nativeSelect(el, p, choices(p), [
        currentValue(el, p.blockId, p.ctx, `selected_${name}`, `initial_${name}`),
      ]),
    many: (el, p) =>
      nativeSelect(el, p, choices(p), many(el, p, `selected_${name}s`, `initial_${name}s`), true),
  };
}

const people = picker(peopleChoices, 'user');
const conversations = picker(channelChoices, 'conversation');
const channels = picker(channelChoices, 'channel');

/**
 * @typedef {{ blockId: string; ctx: RenderContext; input?: boolean; dispatch?: boolean; label?: string }} Place
 * @type {Record<string, (element: Element, place: Place) => string>}
 */
const renderers = {
  button: (el, p) =>
    `<button type="button"${marks(el, p, `bk-button${el.style ? ` bk-${el.style}` : ''}`)}${attrs({
      'data-value': el.value,
      'data-url': el.url,
      'aria-label': el.accessibility_label,
    })}>${renderPlain(el.text)}</button>`,
  static_select: (el, p) =>
    nativeSelect(el, p, optionChoices(el), single(el, p, 'selected_option', 'initial_option')),
  multi_static_select: (el, p) =>
    nativeSelect(el, p, optionChoices(el), many(el, p, 'selected_options', 'initial_options'), true),
  users_select: people.one,
  multi_users_select: people.many,
  conversations_select: conversations.one,
  multi_conversations_select: conversations.many,
  channels_select: channels.one,
  multi_channels_select: channels.many,
  external_select: externalSelect,
  multi_external_select: externalSelect,
  overflow: (el, p) => {
    // The toggle, not the menu's root, is what a person reaches for.
    const items = optionsOf(el)
      .map(
        (o) =>
          `<button type="button" class="bk-menu-item" role="menuitem"${attrs({ 'data-value': o.value })}>${renderPlain(o.text)}</button>`,
      )
      .join('');
    return `<div${marks(el, p, 'bk-overflow', false)}><button type="button" class="bk-overflow-toggle" aria-haspopup="menu" aria-label="More actions">⋯</button><div class="bk-menu" role="menu" hidden>${items}</div></div>`;
  },
  datepicker: (el, p) =>
    field(el, p, 'date', currentValue(el, p.blockId, p.ctx, 'selected_date', 'initial_date')),
  timepicker: (el, p) =>
    field(el, p, 'time', currentValue(el, p.blockId, p.ctx, 'selected_time', 'initial_time')),
  datetimepicker: (el, p) => {
    const seconds = currentValue(el, p.blockId, p.ctx, 'selected_date_time', 'initial_date_time');
    const value = typeof seconds === 'number' ? new Date(seconds * 1000).toISOString().slice(0, 16) : '';
    return field(el, p, 'datetime-local', value);
  },
  plain_text_input: (el, p) => {
    const value = currentValue(el, p.blockId, p.ctx, 'value', 'initial_value') ?? '';
    const common = attrs({
      maxlength: el.max_length,
      minlength: el.min_length,
      placeholder: isObject(el.placeholder) ? el.placeholder.text : undefined,
    });
    return el.multiline
      ? `<textarea rows="4"${marks(el, p, 'bk-text')}${common}>${esc(value)}</textarea>`
      : `<input type="text"${marks(el, p, 'bk-text')}${common}${attrs({ value })}>`;
  },
  number_input: (el, p) =>
    `<input type="number"${marks(el, p, 'bk-text')}${attrs({
      step: el.is_decimal_allowed ? 'any' : '1',
      min: el.min_value,
      max: el.max_value,
      value: currentValue(el, p.blockId, p.ctx, 'value', 'initial_value') ?? '',
      placeholder: isObject(el.placeholder) ? el.placeholder.text : undefined,
    })}>`,
  email_text_input: (el, p) =>
    field(el, p, 'email', currentValue(el, p.blockId, p.ctx, 'value', 'initial_value')),
  url_text_input: (el, p) =>
    field(el, p, 'url', currentValue(el, p.blockId, p.ctx, 'value', 'initial_value')),
  checkboxes: (el, p) => choiceGroup(el, p, 'checkbox', many(el, p, 'selected_options', 'initial_options')),
  radio_buttons: (el, p) => choiceGroup(el, p, 'radio', single(el, p, 'selected_option', 'initial_option')),
  image: (el) =>
    `<img class="bk-inline-image"${attrs({ src: el.image_url, alt: el.alt_text, title: el.alt_text })}>`,
};

/**
 * The attributes every control shares.
 * @param {Element} el
 * @param {Place} p
 * @param {string} className
 * @param {boolean} [named] whether the root is the control that takes the accessible name
 */
function marks(el, p, className, named = true) {
  return attrs({
    class: `bk-el ${className}`,
    'data-el': true,
    'data-block-id': p.blockId,
    'data-action-id': el.action_id,
    'data-type': el.type,
    'data-input': p.input ?? false,
    'data-dispatch': p.dispatch ?? false,
    'aria-label': named ? (p.label ?? el.placeholder?.text) : undefined,
  });
}

/**
 * @param {Element} el
 * @param {Place} p
 * @param {string} type
 * @param {unknown} value
 */
function field(el, p, type, value) {
  return `<input${attrs({ type })}${marks(el, p, 'bk-text')}${attrs({ value: typeof value === 'string' ? value : '' })}>`;
}

/**
 * @param {Element} el
 * @param {Place} p
 * @param {{ value: string; label: string; group?: string }[]} choices
 * @param {unknown[]} chosen values (or option objects) selected now
 * @param {boolean} [multiple]
 */
function nativeSelect(el, p, choices, chosen, multiple = false) {
  const picked = new Set(chosen.map((c) => (isObject(c) ? String(c.value) : String(c ?? ''))));
  const placeholder = isObject(el.placeholder) ? el.placeholder.text : 'Select an item';
  /** @param {{ value: string; label: string }} c */
  const option = (c) =>
    `<option${attrs({ value: c.value, selected: picked.has(c.value) })}>${esc(c.label)}</option>`;
  const groups = [...new Set(choices.map((c) => c.group).filter(Boolean))];
  const body = groups.length
    ? groups
        .map(
          (g) =>
            `<optgroup${attrs({ label: g })}>${choices
              .filter((c) => c.group === g)
              .map(option)
              .join('')}</optgroup>`,
        )
        .join('')
    : choices.map(option).join('');
  const none = multiple
    ? ''
    : `<option value=""${attrs({ selected: picked.size === 0 || picked.has('') })} disabled>${esc(placeholder)}</option>`;
  return `<select${marks(el, p, 'bk-select')}${attrs({ multiple })}>${none}${body}</select>`;
}

/** @param {Element} el */
function optionChoices(el) {
  const plainOptions = objects(el.options).map((o) => ({
    value: String(o.value),
    label: String(o.text?.text ?? o.value),
  }));
  const grouped = objects(el.option_groups).flatMap((g) =>
    objects(g.options).map((o) => ({
      value: String(o.value),
      label: String(o.text?.text ?? o.value),
      group: String(g.label?.text ?? ''),
    })),
  );
  return [...plainOptions, ...grouped];
}

/** @param {Place} p */
function peopleChoices(p) {
  return (p.ctx.people ?? []).map((u) => ({ value: u.id, label: u.name }));
}

/** @param {Place} p */
function channelChoices(p) {
  return (p.ctx.conversations ?? []).map((c) => ({ value: c.id, label: `#${c.name}` }));
}

/**
 * @param {Element} el
 * @param {Place} p
 * @param {string} stateKey
 * @param {string} initialKey
 */
function single(el, p, stateKey, initialKey) {
  const value = currentValue(el, p.blockId, p.ctx, stateKey, initialKey);
  return value ? [value] : [];
}

/**
 * @param {Element} el
 * @param {Place} p
 * @param {string} stateKey
 * @param {string} initialKey
 */
function many(el, p, stateKey, initialKey) {
  return list(currentValue(el, p.blockId, p.ctx, stateKey, initialKey));
}

/** @param {unknown} value */
function list(value) {
  return Array.isArray(value) ? value : value ? [value] : [];
}

/**
 * A search box whose options the bot supplies (block_suggestion). The chosen option rides on the
 * root as JSON, because its label is known only from the bot's answer.
 * @param {Element} el
 * @param {Place} p
 */
function externalSelect(el, p) {
  const multiple = String(el.type).startsWith('multi_');
  const chosen = multiple
    ? list(currentValue(el, p.blockId, p.ctx, 'selected_options', 'initial_options'))
    : single(el, p, 'selected_option', 'initial_option');
  const label = chosen.map((o) => (isObject(o) ? String(o.text?.text ?? o.value) : '')).join(', ');
  const placeholder = isObject(el.placeholder) ? el.placeholder.text : 'Search';
  return `<div${marks(el, p, 'bk-external', false)}${attrs({
    'data-selected': JSON.stringify(multiple ? chosen : (chosen[0] ?? null)),
    'data-min-query': el.min_query_length ?? 3,
  })}><input type="text" class="bk-external-input" autocomplete="off" role="combobox" aria-expanded="false"${attrs(
    {
      value: label,
      placeholder,
      'aria-label': p.label ?? placeholder,
    },
  )}><ul class="bk-options" role="listbox" hidden></ul></div>`;
}

/**
 * @param {Element} el
 * @param {Place} p
 * @param {'checkbox' | 'radio'} type
 * @param {unknown[]} chosen
 */
function choiceGroup(el, p, type, chosen) {
  const picked = new Set(chosen.map((c) => (isObject(c) ? String(c.value) : '')));
  const name = `${p.ctx.formId ?? 'form'}:${p.blockId}:${el.action_id}`;
  const items = optionsOf(el)
    .map(
      (o) =>
        `<label class="bk-choice"><input${attrs({ type, name, value: o.value, checked: picked.has(String(o.value)) })}><span><span class="bk-choice-text">${renderText(o.text, p.ctx)}</span>${
          o.description
            ? `<span class="bk-choice-description">${renderText(o.description, p.ctx)}</span>`
            : ''
        }</span></label>`,
    )
    .join('');
  return `<div${marks(el, p, `bk-choices bk-${type}es`)} role="${type === 'radio' ? 'radiogroup' : 'group'}">${items}</div>`;
}

/** @param {unknown} type */
export function unknownElement(type) {
  return `<span class="bk-unknown" role="note">⚠️ The sandbox cannot show a “${esc(type)}” element.</span>`;
}
