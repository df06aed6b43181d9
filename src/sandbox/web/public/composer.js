// @ts-check
import { post } from './api.js';
import { esc } from './block-kit/html.js';
import { reportProblems, toast } from './dialogs.js';
import { store } from './store.js';

/**
 * The message box. `/order …` goes to the bot as a signed slash command from the open
 * conversation; anything else is posted as the person's own message. While a command is being
 * typed, the bot's subcommands are offered with their usage, as Slack offers a command's hint.
 */
export function installComposer() {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('composer'));
  const input = /** @type {HTMLTextAreaElement} */ (document.getElementById('composer-input'));
  const hints = /** @type {HTMLElement} */ (document.getElementById('command-hints'));

  const showHints = () => {
    const typed = input.value;
    const matches = typed.startsWith('/') && !typed.includes('\n') ? matching(typed) : [];
    hints.hidden = matches.length === 0;
    hints.innerHTML = matches
      .map(
        (h, i) =>
          `<div role="option" class="command-hint${i === 0 ? ' active' : ''}" data-usage="${esc(commandWords(h.usage))}"><code>${esc(h.usage)}</code><span>${esc(h.summary)}</span></div>`,
      )
      .join('');
  };
  input.addEventListener('input', showHints);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Tab' && !hints.hidden) {
      event.preventDefault();
      const first = /** @type {HTMLElement | null} */ (hints.querySelector('.command-hint'));
      if (first) complete(first.dataset.usage ?? '');
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === 'Escape') hints.hidden = true;
  });
  hints.addEventListener('mousedown', (event) => {
    const item = /** @type {HTMLElement | null} */ (
      /** @type {HTMLElement} */ (event.target).closest('.command-hint')
    );
    if (!item) return;
    event.preventDefault();
    complete(item.dataset.usage ?? '');
  });
  /** @param {string} words */
  const complete = (words) => {
    input.value = `${words} `;
    input.focus();
    showHints();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !store.user || !store.open) return;
    input.value = '';
    hints.hidden = true;
    try {
      reportProblems(await post('command', { user: store.user, channel: store.open, text }));
    } catch (error) {
      input.value = text;
      toast(error instanceof Error ? error.message : String(error));
    }
  });
}

/** @param {string} typed */
function matching(typed) {
  const hints = store.state?.hints ?? [];
  const words = typed.trim().toLowerCase();
  return hints.filter(
    (h) => h.usage.toLowerCase().startsWith(words) || words.startsWith(commandWords(h.usage).toLowerCase()),
  );
}

/** `/order show SO-…` → `/order show`: the words to type before the arguments. */
function commandWords(/** @type {string} */ usage) {
  return usage.split(' ').slice(0, 2).join(' ');
}

/**
 * The placeholder names where the message goes, as Slack's does.
 * @param {import('./types.js').Conversation | undefined} conversation
 */
export function placeholderFor(conversation) {
  if (!conversation) return '';
  return conversation.kind === 'channel'
    ? `Message #${conversation.name} — type /order for commands`
    : `Message ${conversation.name} — type /order for commands`;
}
