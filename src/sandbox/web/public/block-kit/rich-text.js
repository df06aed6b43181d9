// @ts-check
import { formatSlackDate } from './dates.js';
import { emojiByName } from './emoji.js';
import { attrs, esc, objects } from './html.js';

/**
 * `rich_text` blocks, what Slack's composer produces: sections, bullet and numbered lists,
 * preformatted text and quotes, with styled text, links, mentions, emoji and dates.
 */

/** @typedef {import('./types.js').RenderContext} RenderContext */

/**
 * @param {Record<string, any>} block
 * @param {RenderContext} ctx
 */
export function renderRichText(block, ctx) {
  return objects(block.elements)
    .map((part) => richPart(part, ctx))
    .join('');
}

/**
 * @param {Record<string, any>} part
 * @param {RenderContext} ctx
 * @returns {string}
 */
function richPart(part, ctx) {
  switch (part.type) {
    case 'rich_text_section':
      return `<div class="bk-rich-section">${inline(part, ctx)}</div>`;
    case 'rich_text_preformatted':
      return `<pre class="bk-pre">${inline(part, ctx)}</pre>`;
    case 'rich_text_quote':
      return `<blockquote class="bk-quote">${inline(part, ctx)}</blockquote>`;
    case 'rich_text_list': {
      const tag = part.style === 'ordered' ? 'ol' : 'ul';
      const items = objects(part.elements)
        .map((item) => `<li>${inline(item, ctx)}</li>`)
        .join('');
      return `<${tag}${attrs({ class: `bk-list bk-indent-${Number(part.indent ?? 0)}`, start: part.offset ? Number(part.offset) + 1 : undefined })}>${items}</${tag}>`;
    }
    default:
      return `<span class="bk-unknown" role="note">⚠️ The sandbox cannot show “${esc(part.type)}” rich text.</span>`;
  }
}

/**
 * @param {Record<string, any>} container
 * @param {RenderContext} ctx
 */
function inline(container, ctx) {
  return objects(container.elements)
    .map((el) => styled(leaf(el, ctx), el.style ?? {}))
    .join('');
}

/**
 * @param {Record<string, any>} el
 * @param {RenderContext} ctx
 */
function leaf(el, ctx) {
  switch (el.type) {
    case 'text':
      return esc(el.text);
    case 'link':
      return `<a class="bk-link"${attrs({ href: /^(https?:|mailto:)/i.test(String(el.url)) ? el.url : undefined, target: '_blank', rel: 'noopener noreferrer' })}>${esc(el.text ?? el.url)}</a>`;
    case 'user':
      return `<span class="bk-mention">@${esc(ctx.users?.[el.user_id]?.name ?? el.user_id)}</span>`;
    case 'channel':
      return `<span class="bk-mention bk-channel">#${esc(ctx.channels?.[el.channel_id]?.name ?? el.channel_id)}</span>`;
    case 'usergroup':
      return `<span class="bk-mention">@${esc(el.usergroup_id)}</span>`;
    case 'broadcast':
      return `<span class="bk-mention bk-special">@${esc(el.range)}</span>`;
    case 'emoji':
      return esc(
        el.unicode
          ? String.fromCodePoint(
              ...String(el.unicode)
                .split('-')
                .map((h) => Number.parseInt(h, 16)),
            )
          : (emojiByName[el.name] ?? `:${el.name}:`),
      );
    case 'date':
      return `<time class="bk-date"${attrs({ title: el.fallback })}>${esc(formatSlackDate(Number(el.timestamp), String(el.format ?? '{date_short}'), ctx))}</time>`;
    default:
      return `<span class="bk-unknown">⚠️ ${esc(el.type)}</span>`;
  }
}

/**
 * @param {string} html
 * @param {Record<string, boolean>} style
 */
function styled(html, style) {
  let out = html;
  if (style.code) out = `<code>${out}</code>`;
  if (style.bold) out = `<b>${out}</b>`;
  if (style.italic) out = `<i>${out}</i>`;
  if (style.strike) out = `<s>${out}</s>`;
  return out;
}
