// @ts-check
/**
 * What this tab shows: who is acting, which conversation is open, which tab and thread, and the
 * last state the server sent. Kept per tab (sessionStorage), so two tabs can be two people.
 */

/**
 * @typedef {object} Store
 * @property {string | null} user
 * @property {string | null} open conversation id
 * @property {'messages' | 'home'} tab in the app conversation
 * @property {string | null} thread the ts of the thread shown beside the conversation
 * @property {import('./types.js').SandboxState | null} state
 */

const saved = (() => {
  try {
    return JSON.parse(sessionStorage.getItem('orderdesk-sandbox:view') ?? '{}');
  } catch {
    return {};
  }
})();

/** @type {Store} */
export const store = {
  user: typeof saved.user === 'string' ? saved.user : null,
  open: typeof saved.open === 'string' ? saved.open : null,
  tab: saved.tab === 'home' ? 'home' : 'messages',
  thread: null,
  state: null,
};

export function save() {
  sessionStorage.setItem(
    'orderdesk-sandbox:view',
    JSON.stringify({ user: store.user, open: store.open, tab: store.tab }),
  );
}
