// @ts-check
/**
 * The renderer's context: who and what mentions name, where the blocks are shown, and, in a
 * view, what the person has entered so far and the errors the bot returned.
 *
 * @typedef {object} RenderContext
 * @property {Record<string, { name: string }>} [users]
 * @property {Record<string, { name: string }>} [channels]
 * @property {string} [timeZone]
 * @property {Date} [now]
 * @property {'message' | 'modal' | 'home'} [surface]
 * @property {Record<string, Record<string, Record<string, any>>>} [state] view.state.values
 * @property {Record<string, string>} [errors] `response_action: errors`, by block_id
 * @property {{ id: string; name: string }[]} [people] the choices of a users select
 * @property {{ id: string; name: string }[]} [conversations] the choices of a conversations select
 * @property {string} [formId] makes radio button names unique on the page
 */

export {};
