// @ts-check
import { fetchState, post } from './api.js';
import { installComposer, placeholderFor } from './composer.js';
import { renderConversation } from './conversation.js';
import { askToConfirm, reportProblems, toast } from './dialogs.js';
import { installInteractions } from './interactions.js';
import { renderModal } from './modal.js';
import { installModalActions } from './modal-actions.js';
import { renderChrome } from './sidebar.js';
import { save, store } from './store.js';
import { forgetReads, markRead } from './unread.js';

/**
 * The sandbox page: fetches what the person sees, draws it, and fetches again whenever the
 * server's event stream says something changed. One fetch runs at a time; changes that arrive
 * meanwhile cause one more.
 */

let fetching = false;
let stale = false;

async function refresh() {
  if (fetching) {
    stale = true;
    return;
  }
  fetching = true;
  try {
    do {
      stale = false;
      await fetchAndDraw();
    } while (stale);
  } catch (error) {
    toast(`The sandbox did not answer: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    fetching = false;
  }
}

async function fetchAndDraw() {
  const asked = { user: store.user, open: store.open };
  const state = await fetchState(store.user ?? '', store.open).catch((error) => {
    if (!store.user) throw error;
    // The person is gone (a reset with other people): start over as the first one.
    store.user = null;
    asked.user = null;
    return fetchState('', null);
  });
  // Someone switched person or conversation while this was on its way: it shows the old one.
  if (store.user !== asked.user || store.open !== asked.open) {
    stale = true;
    return;
  }
  store.user = state.me;
  const open = state.conversations.find((c) => c.id === store.open);
  if (!open) {
    store.open = state.conversations.find((c) => c.kind === 'app')?.id ?? state.conversations[0]?.id ?? null;
    store.thread = null;
    save();
    stale = true;
    return;
  }
  store.state = state;
  save();
  draw();
}

function draw() {
  const state = store.state;
  if (!state) return;
  const open = state.conversations.find((c) => c.id === store.open);
  if (open && store.tab === 'messages' && document.visibilityState === 'visible') markRead(state.me, open);
  if (open?.kind !== 'app') store.tab = 'messages';
  renderChrome(state);
  renderConversation(state);
  renderModal(state);
  const input = /** @type {HTMLTextAreaElement} */ (document.getElementById('composer-input'));
  input.placeholder = placeholderFor(open);
  document.body.dataset.user = state.me;
  document.body.dataset.open = store.open ?? '';
  document.body.dataset.ready = 'true';
}

function installNavigation() {
  document.getElementById('sidebar')?.addEventListener('click', (event) => {
    const item = /** @type {HTMLElement | null} */ (
      /** @type {HTMLElement} */ (event.target).closest('[data-open]')
    );
    if (!item) return;
    store.open = item.dataset.open ?? null;
    store.thread = null;
    store.tab = 'messages';
    save();
    refresh();
  });
  document.getElementById('conversation-header')?.addEventListener('click', (event) => {
    const tab = /** @type {HTMLElement | null} */ (
      /** @type {HTMLElement} */ (event.target).closest('[data-tab]')
    );
    if (!tab) return;
    store.tab = tab.dataset.tab === 'home' ? 'home' : 'messages';
    save();
    draw();
    if (store.tab === 'home') openHome();
  });
  document.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const replies = /** @type {HTMLElement | null} */ (target.closest('[data-thread]'));
    if (replies) {
      store.thread = replies.dataset.thread ?? null;
      draw();
    } else if (target.closest('.thread-close')) {
      store.thread = null;
      draw();
    }
    const dismiss = /** @type {HTMLElement | null} */ (target.closest('[data-dismiss]'));
    if (dismiss) post('dismiss', { user: store.user, ts: dismiss.dataset.dismiss }).catch(() => {});
  });
  const switcher = /** @type {HTMLSelectElement} */ (document.getElementById('user-switcher'));
  switcher.addEventListener('change', () => {
    store.user = switcher.value;
    store.thread = null;
    const open = store.state?.conversations.find((c) => c.id === store.open);
    // Channels are shared; the app conversation is each person's own.
    if (open?.kind !== 'channel') store.open = null;
    save();
    refresh().then(() => {
      if (store.tab === 'home') openHome();
    });
  });
  document.getElementById('reset-demo')?.addEventListener('click', async () => {
    const sure = await askToConfirm({
      title: { type: 'plain_text', text: 'Reset the demo?' },
      text: {
        type: 'plain_text',
        text: 'Every order, card and message goes; the demo customers, products and people come back.',
      },
      confirm: { type: 'plain_text', text: 'Reset' },
      deny: { type: 'plain_text', text: 'Cancel' },
      style: 'danger',
    });
    if (!sure) return;
    toast('Resetting the demo…', 'info');
    post('reset', {}).catch((error) => toast(error instanceof Error ? error.message : String(error)));
  });
}

/** Opening the Home tab is an event the bot receives, as in Slack. */
function openHome() {
  post('home', { user: store.user })
    .then(reportProblems)
    .catch((error) => toast(error instanceof Error ? error.message : String(error)));
}

function listen() {
  const events = new EventSource('/api/events');
  events.addEventListener('change', () => refresh());
  // After a reconnect, whatever happened while the stream was down is fetched at once.
  events.addEventListener('open', () => refresh());
  events.addEventListener('reset', () => {
    forgetReads();
    store.thread = null;
    toast('The demo was reset: fresh demo data, empty channels.', 'info');
    refresh();
  });
}

installInteractions();
installModalActions();
installComposer();
installNavigation();
document.addEventListener('visibilitychange', draw);
listen();
refresh();
