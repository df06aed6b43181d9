// @ts-check
import { attrs, esc } from './block-kit/html.js';
import { renderBlocks, renderMrkdwn } from './block-kit/render.js';
import { renderFiles } from './file-list.js';

/**
 * One message as Slack lists it: who, when, whether it was edited, its blocks (or its text when
 * it has none), the files it shares, its thread, and for an ephemeral the "Only visible to you" line.
 *
 * @param {import('./types.js').Message | import('./types.js').Ephemeral} message
 * @param {{ kind: 'message' | 'ephemeral'; channel: string; inThread?: boolean }} where
 * @param {import('./types.js').SandboxState} state
 * @param {import('./block-kit/types.js').RenderContext} ctx
 */
export function renderMessage(message, where, state, ctx) {
  const ephemeral = where.kind === 'ephemeral';
  const fromBot =
    ephemeral || message.user === state.bot.id || ('bot_id' in message && Boolean(message.bot_id));
  const author = fromBot
    ? state.bot.name
    : (state.users[message.user ?? '']?.name ?? message.user ?? 'someone');
  const body = message.blocks?.length
    ? renderBlocks(message.blocks, { ...ctx, surface: 'message' })
    : `<div class="bk-text">${renderMrkdwn(message.text, ctx)}</div>`;
  const files = 'files' in message ? renderFiles(message.files) : '';
  const edited = 'edited' in message && message.edited ? '<span class="edited">(edited)</span>' : '';
  const replies =
    !where.inThread && 'reply_count' in message && message.reply_count
      ? `<button type="button" class="replies"${attrs({ 'data-thread': message.ts })}>${message.reply_count} ${message.reply_count === 1 ? 'reply' : 'replies'}</button>`
      : '';
  const note = ephemeral
    ? `<div class="ephemeral-note">👁 Only visible to you · <button type="button" class="dismiss"${attrs({ 'data-dismiss': message.ts })}>Dismiss</button></div>`
    : '';
  return `<article${attrs({
    class: `message${ephemeral ? ' ephemeral' : ''}`,
    'data-ts': message.ts,
    'data-kind': where.kind,
    'data-channel': where.channel,
  })}><div class="avatar${fromBot ? ' bot' : ''}" aria-hidden="true">${esc(author.slice(0, 1).toUpperCase())}</div><div class="message-main"><div class="message-meta"><span class="author">${esc(author)}</span>${
    fromBot ? '<span class="app-badge">APP</span>' : ''
  }<time>${esc(clock(message.ts))}</time>${edited}</div><div class="message-body">${body}${files}</div>${replies}${note}</div></article>`;
}

/** @param {string} ts */
function clock(ts) {
  const at = new Date(Number(ts) * 1000);
  return at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
