import type { Json } from './fake-slack/index.ts';
import type { PlacedElement } from './view-state.ts';
import { elementState, optionFor } from './view-state.ts';

/**
 * The `actions[0]` of a block_actions payload for any interactive element, in the shape Slack
 * sends (api.slack.com/reference/interaction-payloads/block-actions): a button's `value`, a
 * select's `selected_option` / `selected_user` / `selected_conversation`, a date picker's
 * `selected_date`, an overflow menu's `selected_option`, a checkbox group's `selected_options`.
 * `chosen` is a plain value (an option's value, a user id, `YYYY-MM-DD`…) or Slack's state object.
 */
export function elementAction(placed: PlacedElement, chosen: unknown, actionTs: string): Json {
  const { element, block_id } = placed;
  const type = String(element.type);
  const where = { action_id: element.action_id, block_id, action_ts: actionTs };
  if (type === 'button') {
    return {
      ...where,
      type,
      text: element.text,
      value: typeof chosen === 'string' ? chosen : element.value,
      ...(element.style ? { style: element.style } : {}),
    };
  }
  // Overflow menus report their pick but have no place in view state, so view-state skips them.
  if (type === 'overflow') return { ...where, type, selected_option: optionFor(element, chosen) };
  return { ...elementState(element, chosen), ...where };
}
