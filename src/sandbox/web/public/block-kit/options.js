// @ts-check
import { isObject, objects } from './html.js';

/**
 * Options of a select, radio group, checkbox group or overflow menu, groups flattened.
 * @param {Record<string, any>} element
 * @returns {Record<string, any>[]}
 */
export function optionsOf(element) {
  return [...objects(element.options), ...objects(element.option_groups).flatMap((g) => objects(g.options))];
}

/**
 * What the element shows now: the person's entry in view state when there is one (Slack keeps
 * it across views.update for the same block and action ids), else the element's initial value.
 * @param {Record<string, any>} element
 * @param {string} blockId
 * @param {import('./types.js').RenderContext} ctx
 * @param {string} stateKey e.g. `selected_option`
 * @param {string} initialKey e.g. `initial_option`
 */
export function currentValue(element, blockId, ctx, stateKey, initialKey) {
  const entry = ctx.state?.[blockId]?.[String(element.action_id)];
  if (isObject(entry) && stateKey in entry) return entry[stateKey];
  return element[initialKey];
}
