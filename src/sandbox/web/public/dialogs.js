// @ts-check

import { esc } from './block-kit/html.js';
import { renderText } from './block-kit/render.js';

/**
 * Slack's confirmation dialog for an element with `confirm`: resolves true when the person
 * confirms, false when they deny or press Escape.
 * @param {Record<string, any>} confirm
 * @returns {Promise<boolean>}
 */
export function askToConfirm(confirm) {
  const root = /** @type {HTMLElement} */ (document.getElementById('dialog-root'));
  const danger = confirm.style === 'danger';
  root.innerHTML = `<div class="dialog-backdrop"><section class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="dialog-title">
    <h2 id="dialog-title">${esc(confirm.title?.text ?? 'Are you sure?')}</h2>
    <div class="dialog-text">${renderText(confirm.text ?? { type: 'plain_text', text: '' })}</div>
    <footer><button type="button" class="dialog-deny">${esc(confirm.deny?.text ?? 'Cancel')}</button>
    <button type="button" class="dialog-confirm ${danger ? 'bk-danger' : 'bk-primary'}">${esc(confirm.confirm?.text ?? 'Yes')}</button></footer>
  </section></div>`;
  const confirmButton = /** @type {HTMLButtonElement} */ (root.querySelector('.dialog-confirm'));
  confirmButton.focus();
  return new Promise((resolve) => {
    /** @param {boolean} answer */
    const done = (answer) => {
      root.innerHTML = '';
      document.removeEventListener('keydown', onKey, true);
      resolve(answer);
    };
    /** @param {KeyboardEvent} event */
    const onKey = (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      done(false);
    };
    document.addEventListener('keydown', onKey, true);
    confirmButton.addEventListener('click', () => done(true));
    root.querySelector('.dialog-deny')?.addEventListener('click', () => done(false));
  });
}

/**
 * A short notice at the bottom of the page: what Slack would show as an error, or what the
 * sandbox could not do.
 * @param {string} text
 * @param {'error' | 'info'} [kind]
 */
export function toast(text, kind = 'error') {
  const root = document.getElementById('toasts');
  if (!root) return;
  const node = document.createElement('div');
  node.className = `toast toast-${kind}`;
  node.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  node.textContent = text;
  root.append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 8000 : 4000);
}

/**
 * Shows what Slack would have shown instead of the bot's answer, if anything.
 * @param {{ problems?: string[] }} answer
 */
export function reportProblems(answer) {
  for (const problem of answer.problems ?? []) toast(`Slack would show an error here: ${problem}`);
}
