import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toNumber } from '../db/rows.ts';

export interface ClaimedRow {
  id: number;
  channel: string;
  payload: unknown;
  attempts: number;
}

/** Spacing between two messages to one channel: Slack allows about one a second per channel. */
export const channelSpacingMs = 1000;

/**
 * Leases at most one row per channel whose gate is open, oldest first, so each channel is sent
 * in order and no faster than Slack allows — across every instance sharing the database.
 *
 * The gate row is taken with SKIP LOCKED, so one instance serves a channel at a time. The head
 * row is read without SKIP LOCKED on purpose: skipping a briefly locked head would send the
 * second message first. A head still leased, or backing off, leaves the channel idle this round.
 * The final UPDATE checks eligibility again: if another worker claimed the head while we waited
 * for its row lock, Postgres re-reads the row and the claim quietly does not happen.
 */
export async function claimDue(
  db: DbOrTx,
  opts: { now: Date; workerId: string; limit: number; leaseMs: number },
): Promise<ClaimedRow[]> {
  const now = opts.now.toISOString();
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs).toISOString();
  const gateUntil = new Date(opts.now.getTime() + channelSpacingMs).toISOString();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with gate as (
      select g.channel from slack_channel_gates g
      where g.next_send_at <= ${now}::timestamptz
        and exists (select 1 from outbox o where o.channel = g.channel and o.status in ('pending', 'sending'))
      order by g.next_send_at
      limit ${opts.limit}
      for update skip locked
    ), head as (
      select h.id, gate.channel from gate
      cross join lateral (
        select o.id, o.status, o.available_at, o.locked_until from outbox o
        where o.channel = gate.channel and o.status in ('pending', 'sending')
        order by o.id
        limit 1
      ) h
      where (h.status = 'pending' and h.available_at <= ${now}::timestamptz)
         or (h.status = 'sending' and h.locked_until < ${now}::timestamptz)
    ), bump as (
      update slack_channel_gates g set next_send_at = ${gateUntil}::timestamptz
      from head where g.channel = head.channel
    )
    update outbox o
    set status = 'sending', attempts = o.attempts + 1, locked_by = ${opts.workerId},
        locked_until = ${leaseUntil}::timestamptz
    from head
    where o.id = head.id
      and ((o.status = 'pending' and o.available_at <= ${now}::timestamptz)
        or (o.status = 'sending' and o.locked_until < ${now}::timestamptz))
    returning o.id, o.channel, o.payload, o.attempts`,
  );
  return rows.map((r) => ({
    id: toNumber(r.id),
    channel: String(r.channel),
    payload: r.payload,
    attempts: toNumber(r.attempts),
  }));
}
