// @ts-check
import { renderElement } from './elements.js';
import { attrs, esc, isObject, objects } from './html.js';
import { renderPlain, renderText } from './mrkdwn.js';
import { renderRichText } from './rich-text.js';

/**
 * Block Kit blocks as HTML (api.slack.com/reference/block-kit/blocks). Pure: the same input
 * gives the same string, so the page and the unit tests render alike. A block the sandbox
 * does not know shows a visible note in its place instead of breaking the message.
 */

/** @typedef {import('./types.js').RenderContext} RenderContext */

/**
 * @param {unknown} blocks
 * @param {RenderContext} ctx
 */
export function renderBlocks(blocks, ctx = {}) {
  if (!Array.isArray(blocks)) return '';
  return blocks.map((block) => renderBlock(block, ctx)).join('');
}

/**
 * @param {unknown} block
 * @param {RenderContext} ctx
 */
export function renderBlock(block, ctx = {}) {
  if (!isObject(block)) return unknownBlock('(not an object)', '');
  const id = String(block.block_id ?? '');
  const render = blockRenderers[String(block.type)];
  if (!render) return unknownBlock(block.type, id);
  return `<div${attrs({ class: `bk-block bk-${block.type}`, 'data-block-id': id })}>${render(block, id, ctx)}</div>`;
}

/** @type {Record<string, (block: Record<string, any>, id: string, ctx: RenderContext) => string>} */
const blockRenderers = {
  header: (b) => `<h3 class="bk-header-text">${renderPlain(b.text)}</h3>`,
  section: (b, id, ctx) => {
    const text = b.text ? `<div class="bk-text">${renderText(b.text, ctx)}</div>` : '';
    const fields = objects(b.fields).length
      ? `<div class="bk-fields">${objects(b.fields)
          .map((f) => `<div class="bk-field">${renderText(f, ctx)}</div>`)
          .join('')}</div>`
      : '';
    const accessory = b.accessory
      ? `<div class="bk-accessory">${renderElement(b.accessory, id, ctx)}</div>`
      : '';
    return `<div class="bk-section-body">${text}${fields}</div>${accessory}`;
  },
  context: (b, id, ctx) =>
    objects(b.elements)
      .map((el) =>
        el.type === 'image'
          ? renderElement(el, id, ctx)
          : el.type === 'plain_text' || el.type === 'mrkdwn'
            ? `<span class="bk-context-text">${renderText(el, ctx)}</span>`
            : renderElement(el, id, ctx),
      )
      .join(''),
  divider: () => '<hr class="bk-divider">',
  image: (b) => {
    const title = b.title ? `<div class="bk-image-title">${renderPlain(b.title)}</div>` : '';
    const src = b.image_url ?? b.slack_file?.url;
    return `${title}<img class="bk-image"${attrs({ src, alt: b.alt_text, title: b.alt_text, loading: 'lazy' })}>`;
  },
  actions: (b, id, ctx) =>
    `<div class="bk-actions-row">${objects(b.elements)
      .map((el) => renderElement(el, id, ctx))
      .join('')}</div>`,
  input: (b, id, ctx) => {
    const label = String(b.label?.text ?? '');
    const optional = b.optional ? ' <span class="bk-optional">(optional)</span>' : '';
    const error = ctx.errors?.[id];
    const element = renderElement(b.element, id, ctx, {
      input: true,
      dispatch: b.dispatch_action === true,
      label,
    });
    return `<div class="bk-label">${renderPlain(b.label)}${optional}</div>${element}${
      b.hint ? `<div class="bk-hint">${renderPlain(b.hint)}</div>` : ''
    }${error ? `<div class="bk-error" role="alert">${esc(error)}</div>` : ''}`;
  },
  rich_text: (b, _id, ctx) => renderRichText(b, ctx),
};

/**
 * @param {unknown} type
 * @param {string} id
 */
function unknownBlock(type, id) {
  return `<div class="bk-block bk-unknown"${attrs({ 'data-block-id': id || undefined })} role="note">⚠️ The sandbox cannot show a “${esc(type)}” block.</div>`;
}

/**
 * The element a control stands for, so the page can read its options or confirm dialog.
 * @param {unknown} blocks
 * @param {string} blockId
 * @param {string} actionId
 * @returns {Record<string, any> | undefined}
 */
export function elementAt(blocks, blockId, actionId) {
  for (const block of objects(blocks)) {
    if (String(block.block_id ?? '') !== blockId) continue;
    const candidates =
      block.type === 'actions' || block.type === 'context'
        ? objects(block.elements)
        : [block.accessory ?? block.element];
    const found = candidates.find((el) => isObject(el) && String(el.action_id ?? '') === actionId);
    if (found) return found;
  }
  return undefined;
}
