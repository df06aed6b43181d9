import type { DbOrTx } from '../db/client.ts';
import { outbox, slackChannelGates } from '../db/schema.ts';
import type { Effect } from './effects.ts';

export interface OutboxEntry {
  /** Deterministic per effect, so enqueuing the same effect twice is a no-op. */
  key: string;
  /** A channel id, or a user id for a DM. */
  channel: string;
  effect: Effect;
}

/** A plain text message to a channel, or to a person by DM (their user id). */
export function textMessage(key: string, channel: string, text: string): OutboxEntry {
  return { key, channel, effect: { kind: 'message', v: 1, message: { text } } };
}

/**
 * Writes Slack effects in the caller's transaction: they are sent only if the change that
 * caused them commits, and they survive a crash after it does.
 */
export async function enqueue(tx: DbOrTx, now: Date, entries: OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx
    .insert(outbox)
    .values(
      entries.map((e) => ({
        idempotencyKey: e.key,
        channel: e.channel,
        payload: e.effect,
        availableAt: now,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: outbox.idempotencyKey });
  const channels = [...new Set(entries.map((e) => e.channel))];
  await tx
    .insert(slackChannelGates)
    .values(channels.map((channel) => ({ channel, nextSendAt: now })))
    .onConflictDoNothing({ target: slackChannelGates.channel });
}
