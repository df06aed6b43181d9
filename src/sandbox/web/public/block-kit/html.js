// @ts-check
/** HTML building for the renderer: every piece of text goes through `esc` on its way out. */

/** @param {unknown} text */
export function esc(text) {
  return String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * ` name="value"` for each attribute that has a value; `true` gives a bare attribute.
 * @param {Record<string, string | number | boolean | null | undefined>} attributes
 */
export function attrs(attributes) {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined && value !== null && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${esc(value)}"`))
    .join('');
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {unknown} value
 * @returns {Record<string, any>[]}
 */
export function objects(value) {
  return Array.isArray(value) ? value.filter(isObject) : [];
}
