import { z } from 'zod';
import { valueAction } from './form-inputs.ts';

/**
 * What Slack reports for a submitted form's inputs (`view.state.values`), checked at the edge
 * and reduced to one value per input block: text, a list of chosen values, or nothing.
 */
const option = z.object({ value: z.string() });
const stateValue = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: option.nullish(),
  selected_options: z.array(option).nullish(),
  selected_user: z.string().nullish(),
  selected_conversation: z.string().nullish(),
});
const viewState = z.record(z.string(), z.record(z.string(), stateValue));

export type InputValue = string | string[] | null;

const many = new Set(['checkboxes', 'multi_static_select']);
const one = new Set(['static_select', 'radio_buttons']);

export function inputValues(values: unknown): Record<string, InputValue> {
  const state = viewState.parse(values);
  const read: Record<string, InputValue> = {};
  for (const [blockId, actions] of Object.entries(state)) {
    const v = actions[valueAction];
    if (!v) continue;
    if (many.has(v.type)) read[blockId] = (v.selected_options ?? []).map((o) => o.value);
    else if (one.has(v.type)) read[blockId] = v.selected_option?.value ?? null;
    else if (v.type === 'users_select') read[blockId] = v.selected_user ?? null;
    else if (v.type === 'conversations_select') read[blockId] = v.selected_conversation ?? null;
    else read[blockId] = v.value ?? null;
  }
  return read;
}

/** A single value; a list (which a text field never is) counts as nothing. */
export const single = (value: InputValue | undefined): string | null =>
  typeof value === 'string' ? value : null;

export const list = (value: InputValue | undefined): string[] => (Array.isArray(value) ? value : []);
