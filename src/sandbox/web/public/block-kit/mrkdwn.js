// @ts-check
import { formatSlackDate } from './dates.js';
import { emojify } from './emoji.js';
import { attrs, esc, isObject } from './html.js';

/**
 * Slack's mrkdwn (api.slack.com/reference/surfaces/formatting) as HTML: *bold*, _italic_,
 * ~strike~, `code`, ```pre```, > quotes, links, user / channel / special mentions and dates.
 * Text arrives with `&`, `<` and `>` escaped as entities; a real `<…>` is a control sequence.
 * Pieces that must not be formatted further (code, links, mentions) are set aside behind
 * private-use characters and put back at the end, so nothing is escaped twice or parsed inside.
 */

/**
 * @typedef {object} TextContext
 * @property {Record<string, { name: string }>} [users]
 * @property {Record<string, { name: string }>} [channels]
 * @property {string} [timeZone]
 * @property {Date} [now]
 */

const open = '\uE000';
const close = '\uE001';

/**
 * @param {string} text
 * @param {TextContext} ctx
 */
export function renderMrkdwn(text, ctx = {}) {
  /** @type {string[]} */
  const stash = [];
  /** @param {string} html */
  const keep = (html) => `${open}${stash.push(html) - 1}${close}`;
  let s = String(text ?? '').replace(/[\uE000\uE001]/g, '');
  s = s.replace(/```([\s\S]*?)```/g, (_, /** @type {string} */ code) =>
    keep(`<pre class="bk-pre">${esc(decode(code.replace(/^\n/, '')))}</pre>`),
  );
  s = s.replace(/`([^`\n]+)`/g, (_, /** @type {string} */ code) => keep(`<code>${esc(decode(code))}</code>`));
  s = s.replace(/<([^<>\n]+)>/g, (_, /** @type {string} */ inner) => keep(controlSequence(inner, ctx)));

  const lines = s.split('\n').map((line) => {
    const quoted = line.startsWith('>');
    return { quoted, html: formatInline(quoted ? line.slice(1).replace(/^ /, '') : line) };
  });
  /** @type {string[]} */
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line?.quoted) {
      out.push(`${line?.html ?? ''}${i < lines.length - 1 ? '\n' : ''}`);
      continue;
    }
    /** @type {string[]} */
    const quote = [];
    while (lines[i]?.quoted) quote.push(lines[i++]?.html ?? '');
    i--;
    out.push(`<blockquote class="bk-quote">${quote.join('\n')}</blockquote>`);
  }
  return out.join('').replace(new RegExp(`${open}(\\d+)${close}`, 'g'), (_, n) => stash[Number(n)] ?? '');
}

/**
 * A text object: mrkdwn, or plain_text (where only emoji codes are turned into emoji).
 * @param {unknown} text
 * @param {TextContext} ctx
 */
export function renderText(text, ctx = {}) {
  if (!isObject(text)) return '';
  if (text.type === 'mrkdwn') return renderMrkdwn(String(text.text ?? ''), ctx);
  return renderPlain(text);
}

/** @param {unknown} text */
export function renderPlain(text) {
  if (!isObject(text)) return '';
  const html = esc(text.text);
  return text.emoji === false ? html : emojify(html);
}

/** @param {string} escaped */
function formatInline(escaped) {
  let html = esc(decode(escaped));
  html = html.replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g, '$1<b>$2</b>');
  html = html.replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])/g, '$1<i>$2</i>');
  html = html.replace(/(^|[^\w~])~(?=\S)([^~\n]*?\S)~(?![\w~])/g, '$1<s>$2</s>');
  return emojify(html);
}

/** @param {string} text */
function decode(text) {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/**
 * @param {string} inner
 * @param {TextContext} ctx
 */
function controlSequence(inner, ctx) {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : decode(inner.slice(bar + 1));
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const name = ctx.users?.[id]?.name ?? label ?? id;
    return `<span class="bk-mention"${attrs({ 'data-user': id })}>@${esc(name)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    const name = ctx.channels?.[id]?.name ?? label ?? id;
    return `<span class="bk-mention bk-channel"${attrs({ 'data-channel': id })}>#${esc(name)}</span>`;
  }
  if (target.startsWith('!date^')) return dateSequence(target, label, ctx);
  if (target.startsWith('!')) {
    const word = target.slice(1).split('^')[0] ?? '';
    const special = ['here', 'channel', 'everyone'].includes(word) ? `@${word}` : null;
    return `<span class="bk-mention bk-special">${esc(label ?? special ?? word)}</span>`;
  }
  if (/^(https?:\/\/|mailto:)/i.test(target)) {
    const href = decode(target);
    return `<a class="bk-link"${attrs({ href, target: '_blank', rel: 'noopener noreferrer' })}>${esc(label ?? href)}</a>`;
  }
  return esc(`<${decode(inner)}>`);
}

/**
 * `!date^seconds^format` or `!date^seconds^format^link`, with the fallback after `|`.
 * @param {string} target
 * @param {string | null} fallback
 * @param {TextContext} ctx
 */
function dateSequence(target, fallback, ctx) {
  const [, seconds, format = '', link] = target.split('^');
  const n = Number(seconds);
  if (!Number.isFinite(n)) return esc(fallback ?? target);
  const shown = esc(formatSlackDate(n, decode(format), ctx));
  const title = attrs({ title: fallback ?? undefined, class: 'bk-date' });
  return link && /^https?:\/\//i.test(link)
    ? `<a${title}${attrs({ href: link, target: '_blank', rel: 'noopener noreferrer' })}>${shown}</a>`
    : `<time${title}>${shown}</time>`;
}
