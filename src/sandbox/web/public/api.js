// @ts-check
/**
 * The sandbox server's JSON API. Every call names the person acting; the server turns it into
 * the signed request Slack would send the bot.
 */

/** @typedef {{ ok: boolean; problems?: string[]; error?: string; options?: unknown[]; option_groups?: unknown[] }} ApiAnswer */

/**
 * @param {string} user
 * @param {string | null} open the conversation whose messages to include
 */
export async function fetchState(user, open) {
  const query = new URLSearchParams({ user, ...(open ? { open } : {}) });
  const res = await fetch(`/api/state?${query}`);
  if (!res.ok) throw new Error(`the sandbox answered ${res.status}: ${await res.text()}`);
  return /** @type {import('./types.js').SandboxState} */ (await res.json());
}

/**
 * @param {string} action command, action, suggest, submit, close, home, dismiss or reset
 * @param {Record<string, unknown>} body
 * @returns {Promise<ApiAnswer>}
 */
export async function post(action, body) {
  const res = await fetch(`/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = /** @type {ApiAnswer} */ (
    await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }))
  );
  if (!res.ok || !answer.ok) throw new Error(answer.error ?? `the sandbox answered ${res.status}`);
  return answer;
}
