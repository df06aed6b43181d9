import { type Block, plain } from './block-kit.ts';

/**
 * Input blocks for the customer and product forms. Each block holds one element whose
 * action_id is `value`, and the block_id is the field's name, so `response_action: errors`
 * keyed by field lands under the right input.
 */
export const valueAction = 'value';

export interface Choice {
  value: string;
  label: string;
}

type Element = Record<string, unknown>;

export function input(
  field: string,
  label: string,
  element: Element,
  opts: { hint?: string; optional?: boolean } = {},
): Block {
  return {
    type: 'input',
    block_id: field,
    label: plain(label, 2000),
    element: { ...element, action_id: valueAction },
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
  };
}

const present = (value: string | null | undefined): value is string => value != null && value !== '';

/** A prefilled value as an input shows it: typed values may be numbers or booleans. */
export const initialText = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

export function textElement(initial: string | null | undefined, opts: { max: number; multiline?: boolean }) {
  return {
    type: 'plain_text_input',
    max_length: opts.max,
    ...(opts.multiline ? { multiline: true } : {}),
    ...(present(initial) ? { initial_value: initial } : {}),
  };
}

export function numberElement(
  initial: string | null | undefined,
  opts: { decimal: boolean; min: string; max?: string },
) {
  return {
    type: 'number_input',
    is_decimal_allowed: opts.decimal,
    min_value: opts.min,
    ...(opts.max ? { max_value: opts.max } : {}),
    ...(present(initial) ? { initial_value: initial } : {}),
  };
}

const option = (c: Choice) => ({ text: plain(c.label, 75), value: c.value });

/** Ticks, for a short list where several may apply. */
export function checkboxesElement(choices: Choice[], initial: readonly string[]) {
  const ticked = choices.filter((c) => initial.includes(c.value)).map(option);
  return {
    type: 'checkboxes',
    options: choices.map(option),
    // Slack refuses an empty initial_options list, so it is left out instead.
    ...(ticked.length ? { initial_options: ticked } : {}),
  };
}

export function radioElement(choices: Choice[], initial: string | null | undefined) {
  const chosen = choices.find((c) => c.value === initial);
  return {
    type: 'radio_buttons',
    options: choices.map(option),
    ...(chosen ? { initial_option: option(chosen) } : {}),
  };
}

export function selectElement(choices: Choice[], initial: string | null | undefined, placeholder: string) {
  const chosen = choices.find((c) => c.value === initial);
  return {
    type: 'static_select',
    placeholder: plain(placeholder),
    options: choices.map(option),
    ...(chosen ? { initial_option: option(chosen) } : {}),
  };
}

export function userSelectElement(initial: string | null | undefined, placeholder: string) {
  return {
    type: 'users_select',
    placeholder: plain(placeholder),
    ...(present(initial) ? { initial_user: initial } : {}),
  };
}

/** Channels only (no DMs): a Slack Connect channel is shared with the customer's workspace. */
export function channelSelectElement(initial: string | null | undefined, placeholder: string) {
  return {
    type: 'conversations_select',
    placeholder: plain(placeholder),
    filter: { include: ['public', 'private'], exclude_bot_users: true },
    ...(present(initial) ? { initial_conversation: initial } : {}),
  };
}

export const choicesOf = <T extends string>(values: readonly T[], labels: Record<T, string>): Choice[] =>
  values.map((value) => ({ value, label: labels[value] }));
