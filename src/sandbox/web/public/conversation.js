// @ts-check
import { attrs, esc } from './block-kit/html.js';
import { renderBlocks } from './block-kit/render.js';
import { setHtml, syncKeyedList } from './keyed-list.js';
import { renderMessage } from './message-view.js';
import { renderContext } from './render-context.js';
import { store } from './store.js';

/**
 * The open conversation: its header (and, for the app, the Home / Messages tabs), its messages
 * with this person's ephemerals among them, the thread panel, and the Home tab.
 */

/** @param {import('./types.js').SandboxState} state */
export function renderConversation(state) {
  const conversation = state.conversations.find((c) => c.id === store.open);
  const header = /** @type {HTMLElement} */ (document.getElementById('conversation-header'));
  const messages = /** @type {HTMLElement} */ (document.getElementById('messages'));
  const home = /** @type {HTMLElement} */ (document.getElementById('home'));
  const composer = /** @type {HTMLElement} */ (document.getElementById('composer'));
  if (!conversation) return;
  const isApp = conversation.kind === 'app';
  const showHome = isApp && store.tab === 'home';
  header.innerHTML = headerHtml(conversation, showHome);
  messages.hidden = showHome;
  composer.hidden = showHome;
  home.hidden = !showHome;
  if (showHome) renderHome(state, home);
  else renderMessages(state, messages);
  renderThread(state);
}

/**
 * @param {import('./types.js').Conversation} c
 * @param {boolean} showHome
 */
function headerHtml(c, showHome) {
  if (c.kind === 'channel') {
    return `<h1># ${esc(c.name)}</h1><p class="purpose">${esc(c.purpose)}</p>`;
  }
  const tab = (/** @type {string} */ name, /** @type {string} */ label, /** @type {boolean} */ on) =>
    `<button type="button" role="tab"${attrs({ class: 'tab', 'data-tab': name, 'aria-selected': on ? 'true' : 'false' })}>${label}</button>`;
  return `<h1><span class="avatar bot" aria-hidden="true">O</span> ${esc(c.name)} <span class="app-badge">APP</span></h1><div class="tabs" role="tablist">${tab('home', 'Home', showHome)}${tab('messages', 'Messages', !showHome)}</div>`;
}

/**
 * @param {import('./types.js').SandboxState} state
 * @param {HTMLElement} list
 */
function renderMessages(state, list) {
  const open = state.open;
  if (!open) return;
  const ctx = renderContext(state);
  const items = [
    ...open.messages
      .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts)
      .map((m) => ({
        ts: m.ts,
        key: `m:${m.ts}`,
        html: renderMessage(m, { kind: 'message', channel: open.id }, state, ctx),
      })),
    ...open.ephemerals
      .filter((e) => !e.thread_ts)
      .map((e) => ({
        ts: e.ts,
        key: `e:${e.ts}`,
        html: renderMessage(e, { kind: 'ephemeral', channel: open.id }, state, ctx),
      })),
  ].sort((a, b) => Number(a.ts) - Number(b.ts));
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const sameConversation = list.dataset.conversation === open.id;
  list.dataset.conversation = open.id;
  if (items.length === 0) {
    list.innerHTML = `<p class="empty">Nothing here yet. ${
      state.conversations.find((c) => c.id === open.id)?.kind === 'app'
        ? 'Type <code>/order help</code> below to see what the bot can do.'
        : 'Order cards for this department appear here.'
    }</p>`;
    return;
  }
  list.querySelector('.empty')?.remove();
  const { added, updated } = syncKeyedList(list, items);
  if (sameConversation) for (const node of updated) node.classList.add('just-updated');
  if (!sameConversation || atBottom || added.length) list.scrollTop = list.scrollHeight;
}

/** @param {import('./types.js').SandboxState} state */
function renderThread(state) {
  const panel = /** @type {HTMLElement} */ (document.getElementById('thread'));
  const open = state.open;
  const parent = open?.messages.find((m) => m.ts === store.thread);
  if (!open || !parent || store.tab === 'home') {
    panel.hidden = true;
    panel.innerHTML = '';
    return;
  }
  const ctx = renderContext(state);
  const replies = [
    ...open.messages
      .filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts)
      .map((m) => ({
        ts: m.ts,
        key: `m:${m.ts}`,
        html: renderMessage(m, { kind: 'message', channel: open.id, inThread: true }, state, ctx),
      })),
    ...open.ephemerals
      .filter((e) => e.thread_ts === parent.ts)
      .map((e) => ({
        ts: e.ts,
        key: `e:${e.ts}`,
        html: renderMessage(e, { kind: 'ephemeral', channel: open.id, inThread: true }, state, ctx),
      })),
  ].sort((a, b) => Number(a.ts) - Number(b.ts));
  panel.hidden = false;
  if (panel.dataset.thread !== parent.ts) {
    panel.dataset.thread = parent.ts;
    panel.innerHTML = `<header class="thread-header"><h2>Thread</h2><button type="button" class="thread-close" aria-label="Close thread">×</button></header><div class="thread-parent"></div><div class="thread-replies"></div>`;
  }
  const parentHtml = renderMessage(parent, { kind: 'message', channel: open.id, inThread: true }, state, ctx);
  syncKeyedList(/** @type {HTMLElement} */ (panel.querySelector('.thread-parent')), [
    { key: `m:${parent.ts}`, html: parentHtml },
  ]);
  syncKeyedList(/** @type {HTMLElement} */ (panel.querySelector('.thread-replies')), replies);
}

/**
 * @param {import('./types.js').SandboxState} state
 * @param {HTMLElement} root
 */
function renderHome(state, root) {
  const view = state.home;
  const html = view
    ? `<div class="home-view"${attrs({ 'data-view-id': view.id })}>${renderBlocks(view.blocks, { ...renderContext(state), surface: 'home', state: view.state.values, formId: view.id })}</div>`
    : `<div class="home-empty"><h2>Home</h2><p>${esc(state.bot.name)} has not published a Home tab for you. The sandbox sent the bot <code>app_home_opened</code>, as Slack does when you open this tab; a Home view the bot publishes shows here.</p></div>`;
  setHtml(root, html);
}
