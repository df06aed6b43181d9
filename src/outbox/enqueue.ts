import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
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
  const at = now.toISOString();
  const rows = JSON.stringify(entries.map((e) => ({ key: e.key, channel: e.channel, payload: e.effect })));
  // One statement, not two: a round trip costs more than either insert (bench: order Submit).
  // Rows are inserted in the order given, so their ids keep a channel's effects in that order.
  await tx.execute(sql`
    with entry as (
      select e.key, e.channel, e.payload, e.n
      from rows from (jsonb_to_recordset(${rows}::jsonb) as (key text, channel text, payload jsonb))
        with ordinality as e(key, channel, payload, n)
    ), queued as (
      insert into outbox (idempotency_key, channel, payload, available_at, created_at)
      select key, channel, payload, ${at}::timestamptz, ${at}::timestamptz from entry order by n
      on conflict (idempotency_key) do nothing
    )
    insert into slack_channel_gates (channel, next_send_at)
    select distinct channel, ${at}::timestamptz from entry
    on conflict (channel) do nothing`);
}
