// @ts-check
/**
 * The shapes the page reads from `GET /api/state` (src/sandbox/web/snapshot.ts).
 *
 * @typedef {Record<string, any>} Json
 * @typedef {{ id: string; name: string; title: string; size: number }} SharedFile
 * @typedef {{ ts: string; text: string; user?: string; bot_id?: string; blocks?: Json[]; files?: SharedFile[]; thread_ts?: string; reply_count?: number; edited?: { ts: string } }} Message
 * @typedef {{ ts: string; text: string; user: string; channel: string; blocks?: Json[]; thread_ts?: string }} Ephemeral
 * @typedef {{ id: string; type: 'modal' | 'home'; title: { text: string } | null; submit: { text: string } | null; close: { text: string } | null; blocks: Json[]; hash: string; state: { values: Record<string, Record<string, Json>> } }} View
 * @typedef {{ id: string; name: string; kind: 'channel' | 'app'; purpose: string; latest: string | null }} Conversation
 * @typedef {{ id: string; name: string; handle: string; role: string }} Person
 * @typedef {{ usage: string; summary: string; example: string }} Hint
 * @typedef {object} SandboxState
 * @property {string} me
 * @property {{ id: string; name: string }} bot
 * @property {Person[]} people
 * @property {Record<string, { name: string; handle: string; isBot: boolean }>} users
 * @property {Conversation[]} conversations
 * @property {{ id: string; messages: Message[]; ephemerals: Ephemeral[] } | null} open
 * @property {{ views: View[]; errors: Record<string, Record<string, string>> }} modal
 * @property {View | null} home
 * @property {Hint[]} hints
 */

export {};
