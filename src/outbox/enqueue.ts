import { type SQL, sql } from 'drizzle-orm';
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
  await tx.execute(queueEntries(now, entriesOf(entries)));
}

/** Entries as a (key, channel, payload, n) selection, to join others in enqueueSelected. */
export function entriesOf(entries: readonly OutboxEntry[]): SQL {
  const rows = JSON.stringify(entries.map((e) => ({ key: e.key, channel: e.channel, payload: e.effect })));
  return sql`
    select e.key, e.channel, e.payload, e.n
    from rows from (jsonb_to_recordset(${rows}::jsonb) as (key text, channel text, payload jsonb))
      with ordinality as e(key, channel, payload, n)`;
}

/**
 * Like enqueue, for entries the database itself picks (e.g. every card of an order): `selection`
 * gives each one's key, channel, payload (an Effect as jsonb) and n (their order). Reading what
 * to queue and queuing it is then one statement, not two in turn.
 */
export async function enqueueSelected(tx: DbOrTx, now: Date, selection: SQL): Promise<void> {
  await tx.execute(queueEntries(now, selection));
}

// One statement, not two: a round trip costs more than either insert (bench: order Submit).
// Rows are inserted in the order given, so their ids keep a channel's effects in that order.
function queueEntries(now: Date, selection: SQL): SQL {
  const at = now.toISOString();
  return sql`
    with entry as (${selection}), queued as (
      insert into outbox (idempotency_key, channel, payload, available_at, created_at)
      select key, channel, payload, ${at}::timestamptz, ${at}::timestamptz from entry order by n
      on conflict (idempotency_key) do nothing
    )
    insert into slack_channel_gates (channel, next_send_at)
    select distinct channel, ${at}::timestamptz from entry
    on conflict (channel) do nothing`;
}
