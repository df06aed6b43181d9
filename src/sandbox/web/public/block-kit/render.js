// @ts-check
/**
 * The sandbox page's Block Kit renderer. Plain browser JavaScript (ES modules, JSDoc types),
 * so the page needs no build step and vitest imports the same files the browser runs.
 */
export { elementAt, renderBlock, renderBlocks } from './blocks.js';
export { formatSlackDate } from './dates.js';
export { renderElement } from './elements.js';
export { renderMrkdwn, renderPlain, renderText } from './mrkdwn.js';
