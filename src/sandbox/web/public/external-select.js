// @ts-check
import { esc } from './block-kit/html.js';
import { renderPlain } from './block-kit/render.js';

/**
 * The search box of an external select: as the person types (at least `min_query_length`
 * characters), the bot is asked for options with a block_suggestion, and a pick is kept on the
 * control as Slack's option object.
 */

/** @typedef {Record<string, any>} Option */

const waitMs = 200;
/** @type {WeakMap<HTMLElement, { timer: number; options: Option[]; active: number; asked: number }>} */
const searches = new WeakMap();

/**
 * @param {HTMLInputElement} input
 * @param {(typed: string) => Promise<{ options?: unknown[]; option_groups?: unknown[] }>} ask
 */
export function onSearchInput(input, ask) {
  const root = /** @type {HTMLElement} */ (input.closest('.bk-external'));
  const search = searches.get(root) ?? { timer: 0, options: [], active: -1, asked: 0 };
  searches.set(root, search);
  window.clearTimeout(search.timer);
  const typed = input.value.trim();
  if (typed.length < Number(root.dataset.minQuery ?? 3)) {
    showOptions(root, [], 'Keep typing…');
    return;
  }
  search.timer = window.setTimeout(async () => {
    const asked = ++search.asked;
    showOptions(root, [], 'Searching…');
    try {
      const answer = await ask(typed);
      if (asked !== search.asked) return;
      const groups = (answer.option_groups ?? []).flatMap((/** @type {any} */ g) =>
        (g.options ?? []).map((/** @type {Option} */ o) => ({ ...o, group: g.label?.text })),
      );
      search.options = [.../** @type {Option[]} */ (answer.options ?? []), ...groups];
      search.active = search.options.length ? 0 : -1;
      showOptions(root, search.options, 'No results');
    } catch (error) {
      showOptions(root, [], `The search failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, waitMs);
}

/**
 * Arrow keys move through the options, Enter picks, Escape closes. Returns the picked option.
 * @param {KeyboardEvent} event
 * @returns {Option | null}
 */
export function onSearchKey(event) {
  const input = /** @type {HTMLInputElement} */ (event.target);
  const root = /** @type {HTMLElement} */ (input.closest('.bk-external'));
  const search = searches.get(root);
  if (!search) return null;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    search.active = Math.max(0, Math.min(search.options.length - 1, search.active + step));
    showOptions(root, search.options, 'No results', search.active);
    return null;
  }
  if (event.key === 'Enter') {
    event.preventDefault();
    return search.options[search.active] ?? null;
  }
  if (event.key === 'Escape') closeSearch(root);
  return null;
}

/**
 * The option behind a click in the list.
 * @param {HTMLElement} item
 * @returns {Option | null}
 */
export function optionOfItem(item) {
  const root = /** @type {HTMLElement} */ (item.closest('.bk-external'));
  return searches.get(root)?.options[Number(item.dataset.index)] ?? null;
}

/**
 * Keeps the pick on the control and shows its label.
 * @param {HTMLElement} root
 * @param {Option} option
 */
export function choose(root, option) {
  const { group: _group, ...clean } = option;
  root.dataset.selected = JSON.stringify(clean);
  const input = root.querySelector('input');
  if (input) input.value = String(option.text?.text ?? option.value);
  closeSearch(root);
}

/**
 * Closes the list and puts the chosen label back, as Slack drops an unfinished search.
 * @param {HTMLElement} root
 */
export function closeSearch(root) {
  const search = searches.get(root);
  if (search) window.clearTimeout(search.timer);
  const chosen = JSON.parse(root.dataset.selected ?? 'null');
  const input = root.querySelector('input');
  if (input) {
    input.value = chosen ? String(chosen.text?.text ?? chosen.value) : '';
    input.setAttribute('aria-expanded', 'false');
  }
  const list = root.querySelector('.bk-options');
  if (list instanceof HTMLElement) list.hidden = true;
}

/**
 * @param {HTMLElement} root
 * @param {Option[]} options
 * @param {string} emptyText
 * @param {number} [active]
 */
function showOptions(root, options, emptyText, active = 0) {
  const list = /** @type {HTMLElement} */ (root.querySelector('.bk-options'));
  let group = '';
  list.innerHTML = options.length
    ? options
        .map((o, i) => {
          const heading =
            o.group && o.group !== group
              ? `<li class="bk-option-group" role="presentation">${esc(o.group)}</li>`
              : '';
          group = o.group ?? group;
          return `${heading}<li role="option" class="bk-option${i === active ? ' active' : ''}" data-index="${i}" aria-selected="${i === active}">${renderPlain(o.text)}</li>`;
        })
        .join('')
    : `<li class="bk-option-empty" role="presentation">${esc(emptyText)}</li>`;
  list.hidden = false;
  root.querySelector('input')?.setAttribute('aria-expanded', 'true');
}
