// @ts-check
/**
 * What each person has read, per conversation, kept in this browser. A conversation is unread
 * when it has something newer (from someone else) than the last thing they saw there.
 */
const prefix = 'orderdesk-sandbox:read:';

/** @param {string} user @returns {Record<string, string>} */
function load(user) {
  try {
    return JSON.parse(localStorage.getItem(prefix + user) ?? '{}');
  } catch {
    return {};
  }
}

/**
 * @param {string} user
 * @param {{ id: string; latest: string | null }} conversation
 */
export function isUnread(user, conversation) {
  const seen = load(user)[conversation.id];
  return conversation.latest !== null && (!seen || Number(conversation.latest) > Number(seen));
}

/**
 * @param {string} user
 * @param {{ id: string; latest: string | null }} conversation
 */
export function markRead(user, conversation) {
  if (!conversation.latest) return;
  const read = load(user);
  if (read[conversation.id] === conversation.latest) return;
  read[conversation.id] = conversation.latest;
  localStorage.setItem(prefix + user, JSON.stringify(read));
}

/** Forgets everything read: after a reset the old timestamps mean nothing. */
export function forgetReads() {
  for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
}
