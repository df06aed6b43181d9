// @ts-check
import { post } from './api.js';
import { reportProblems, toast } from './dialogs.js';
import { markSent, shownBlocks } from './modal.js';
import { store } from './store.js';
import { collectValues } from './view-values.js';

/**
 * The modal's own buttons. Submit sends the view_submission with everything entered; Close and
 * the back arrow close the top view (back to the one under it); × closes the whole stack.
 */
export function installModalActions() {
  const root = /** @type {HTMLElement} */ (document.getElementById('modal-root'));
  root.addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = /** @type {HTMLFormElement} */ (event.target);
    const view = form.closest('[data-view-id]')?.getAttribute('data-view-id');
    const submit = /** @type {HTMLButtonElement | null} */ (form.querySelector('.modal-submit'));
    if (!view || !submit || submit.disabled) return;
    const values = collectValues(form, shownBlocks());
    markSent(values);
    // Slack greys the button while it waits for the bot, so a double click submits once.
    submit.disabled = true;
    try {
      reportProblems(await post('submit', { user: store.user, view, values }));
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error));
    } finally {
      submit.disabled = false;
    }
  });
  root.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const view = target.closest('[data-view-id]')?.getAttribute('data-view-id');
    if (!view) return;
    if (target.closest('.modal-x')) close(view, true);
    else if (target.closest('.modal-close, .modal-back')) close(view, false);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || document.getElementById('dialog-root')?.childElementCount) return;
    const view = root.querySelector('[data-view-id]')?.getAttribute('data-view-id');
    if (view) close(view, true);
  });
}

/**
 * @param {string} view
 * @param {boolean} clear
 */
async function close(view, clear) {
  try {
    reportProblems(await post('close', { user: store.user, view, clear }));
  } catch (error) {
    toast(error instanceof Error ? error.message : String(error));
  }
}
