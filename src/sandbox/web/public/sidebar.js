// @ts-check
import { attrs, esc } from './block-kit/html.js';
import { setHtml } from './keyed-list.js';
import { store } from './store.js';
import { isUnread } from './unread.js';

/**
 * The top bar's user switcher and the sidebar: the department channels, then the app's
 * conversation (its Home and its DMs), each bold with a dot while it has something unread.
 * @param {import('./types.js').SandboxState} state
 */
export function renderChrome(state) {
  const switcher = /** @type {HTMLSelectElement} */ (document.getElementById('user-switcher'));
  const options = state.people
    .map(
      (p) =>
        `<option${attrs({ value: p.id, selected: p.id === state.me })}>${esc(p.name)} — ${esc(p.role)}</option>`,
    )
    .join('');
  setHtml(switcher, options);
  switcher.value = state.me;
  const me = state.people.find((p) => p.id === state.me);
  const role = document.getElementById('user-role');
  if (role) role.textContent = me ? `@${me.handle}` : '';

  const channels = state.conversations.filter((c) => c.kind === 'channel');
  const apps = state.conversations.filter((c) => c.kind === 'app');
  /** @param {import('./types.js').Conversation} c */
  const item = (c) => {
    const unread = c.id !== store.open && isUnread(state.me, c);
    const label = c.kind === 'channel' ? `# ${c.name}` : c.name;
    return `<li><button type="button"${attrs({
      class: `sidebar-item${c.id === store.open ? ' active' : ''}${unread ? ' unread' : ''}`,
      'data-open': c.id,
      'aria-current': c.id === store.open ? 'page' : undefined,
    })}><span class="sidebar-label">${esc(label)}</span>${unread ? '<span class="unread-dot" aria-label="unread"></span>' : ''}</button></li>`;
  };
  const html = `<h2>Channels</h2><ul>${channels.map(item).join('')}</ul><h2>Apps</h2><ul>${apps.map(item).join('')}</ul>`;
  const sidebar = /** @type {HTMLElement} */ (document.getElementById('sidebar'));
  setHtml(sidebar, html);
}
