import type { FakeView, Json } from './fake-slack/index.ts';

type Values = FakeView['state']['values'];

/**
 * What a test says the user entered, keyed like `view.state.values`: `{ [block_id]: { [action_id]:
 * value } }`. A value is either Slack's own state object (`{ type, value }`…) or a plain value
 * that is turned into one from the element: a select takes the option's `value`, a users_select
 * a user id, a datepicker `YYYY-MM-DD`.
 */
export type StateInput = Record<string, Record<string, unknown>>;

/** The state field each element reports, and the element field that sets its initial value. */
const FIELDS: Record<string, [state: string, initial: string]> = {
  plain_text_input: ['value', 'initial_value'],
  email_text_input: ['value', 'initial_value'],
  url_text_input: ['value', 'initial_value'],
  number_input: ['value', 'initial_value'],
  static_select: ['selected_option', 'initial_option'],
  external_select: ['selected_option', 'initial_option'],
  radio_buttons: ['selected_option', 'initial_option'],
  multi_static_select: ['selected_options', 'initial_options'],
  multi_external_select: ['selected_options', 'initial_options'],
  checkboxes: ['selected_options', 'initial_options'],
  users_select: ['selected_user', 'initial_user'],
  multi_users_select: ['selected_users', 'initial_users'],
  conversations_select: ['selected_conversation', 'initial_conversation'],
  multi_conversations_select: ['selected_conversations', 'initial_conversations'],
  channels_select: ['selected_channel', 'initial_channel'],
  multi_channels_select: ['selected_channels', 'initial_channels'],
  datepicker: ['selected_date', 'initial_date'],
  timepicker: ['selected_time', 'initial_time'],
  datetimepicker: ['selected_date_time', 'initial_date_time'],
};

export interface PlacedElement {
  block_id: string;
  blockType: string;
  element: Json;
}

/** Every element a user can act on: section accessories, actions elements, input elements. */
export function elementsOf(blocks: Json[]): PlacedElement[] {
  const placed: PlacedElement[] = [];
  for (const block of blocks) {
    const place = { block_id: String(block.block_id), blockType: String(block.type) };
    const candidates = block.type === 'actions' ? block.elements : [block.accessory ?? block.element];
    if (!Array.isArray(candidates)) continue;
    for (const element of candidates) if (isJson(element)) placed.push({ ...place, element });
  }
  return placed;
}

export function findElement(blocks: Json[], actionId: string, blockId?: string): PlacedElement | undefined {
  return elementsOf(blocks).find(
    (p) => p.element.action_id === actionId && (blockId === undefined || p.block_id === blockId),
  );
}

/**
 * The state Slack would send: every input element (untouched ones with their initial value or
 * null, as Slack reports them), what was entered before, then the new input on top.
 */
export function buildState(blocks: Json[], current: Values, input: StateInput): Values {
  const values: Values = structuredClone(current);
  for (const { block_id, blockType, element } of elementsOf(blocks)) {
    if (blockType !== 'input' || typeof element.action_id !== 'string') continue;
    values[block_id] ??= {};
    values[block_id][element.action_id] ??= stateOf(element, undefined);
  }
  for (const [blockId, actions] of Object.entries(input)) {
    for (const [actionId, raw] of Object.entries(actions)) {
      const placed = findElement(blocks, actionId, blockId);
      if (!placed)
        throw new Error(`no element ${blockId}/${actionId} in these blocks: the user cannot fill it in`);
      values[blockId] ??= {};
      values[blockId][actionId] =
        isJson(raw) && typeof raw.type === 'string' ? raw : stateOf(placed.element, raw);
    }
  }
  return values;
}

/**
 * The state entry of one element: what the user chose, given as a plain value or as Slack's own
 * object (which is kept as it is); `undefined` gives the element's initial value.
 */
export function elementState(element: Json, raw: unknown): Json {
  if (isJson(raw) && typeof raw.type === 'string') return raw;
  return stateOf(element, raw);
}

function stateOf(element: Json, raw: unknown): Json {
  const type = String(element.type);
  const fields = FIELDS[type];
  if (!fields) return { type };
  const [key, initialKey] = fields;
  const extra = type === 'timepicker' && element.timezone ? { timezone: element.timezone } : {};
  const plural = key.endsWith('s');
  if (raw === undefined) return { type, [key]: element[initialKey] ?? (plural ? [] : null), ...extra };
  const items = plural ? (Array.isArray(raw) ? raw : [raw]) : [raw];
  const chosen = key.startsWith('selected_option') ? items.map((v) => optionFor(element, v)) : items;
  const value = key === 'value' ? String(raw) : plural ? chosen : chosen[0];
  return { type, [key]: value, ...extra };
}

/** A static choice must be one of the element's options; an external one is whatever was typed. */
export function optionFor(element: Json, value: unknown): Json {
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  const options = [
    ...(Array.isArray(element.options) ? element.options : []),
    ...groups.flatMap((g) => (isJson(g) && Array.isArray(g.options) ? g.options : [])),
  ].filter(isJson);
  const option = options.find((o) => o.value === value);
  if (option) return option;
  if (String(element.type).includes('external')) {
    return { text: { type: 'plain_text', text: String(value), emoji: true }, value: String(value) };
  }
  throw new Error(`${String(element.action_id)} has no option with value ${String(value)}`);
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
