import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toDate, toNumber } from '../db/rows.ts';
import { staleAfterMs } from './instances.ts';

export interface ClaimedRow {
  id: number;
  channel: string;
  payload: unknown;
  attempts: number;
  /** When the row was first handed to Slack (this attempt, if it is the first). */
  firstAttemptAt: Date;
  /** An earlier attempt may have posted it: look for the message before posting again. */
  maybeDelivered: boolean;
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
 *
 * A row being sent is free again when its lease ran out, or at once when its holder's heartbeat
 * went stale (the holder was killed): a lease is short, and renewed by the heartbeat while the
 * holder lives.
 *
 * A claimed row counts as maybe delivered from now on: if this worker dies or never hears back,
 * the next one must look before posting. Only an answer that says "not sent" (a 429) clears it.
 *
 * A claim's work follows what is queued, not what is stored. The channels with something
 * queued are found by skipping through `outbox_ready_idx` one channel at a time (a recursive
 * query: one index descent a channel), and only their gates are asked for, by key. Every channel
 * ever posted to keeps its gate (each person's DM and App Home among them): a claim that started
 * from the gates looked at every one's queue, 2,000 index scans for 2,000 idle channels. And
 * one that asked EXISTS of the queued rows had the planner hash all of them, so a channel with a
 * backlog (Slack holding it back, a burst of cards) cost each claim the whole backlog: 7 ms a
 * claim at 5,824 posts queued.
 */
export async function claimDue(
  db: DbOrTx,
  opts: { now: Date; workerId: string; limit: number; leaseMs: number },
): Promise<ClaimedRow[]> {
  const now = opts.now.toISOString();
  const staleBefore = new Date(opts.now.getTime() - staleAfterMs).toISOString();
  const leaseFree = (row: 'h' | 'o') => {
    const alias = sql.raw(row);
    return sql`(${alias}.locked_until < ${now}::timestamptz or exists (
      select 1 from outbox_instances i
      where i.id = ${alias}.locked_by and i.heartbeat_at < ${staleBefore}::timestamptz))`;
  };
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs).toISOString();
  const gateUntil = new Date(opts.now.getTime() + channelSpacingMs).toISOString();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with recursive queued (channel) as (
      (select o.channel from outbox o where o.status in ('pending', 'sending') order by o.channel limit 1)
      union all
      select (select o.channel from outbox o
              where o.status in ('pending', 'sending') and o.channel > q.channel
              order by o.channel limit 1)
      from queued q where q.channel is not null
    ), gate as (
      select g.channel from slack_channel_gates g
      where g.channel = any (array(select q.channel from queued q where q.channel is not null))
        and g.next_send_at <= ${now}::timestamptz
      order by g.next_send_at
      limit ${opts.limit}
      for update skip locked
    ), head as (
      select h.id, h.maybe_delivered, gate.channel from gate
      cross join lateral (
        select o.id, o.status, o.available_at, o.locked_until, o.locked_by, o.maybe_delivered from outbox o
        where o.channel = gate.channel and o.status in ('pending', 'sending')
        order by o.id
        limit 1
      ) h
      where (h.status = 'pending' and h.available_at <= ${now}::timestamptz)
         or (h.status = 'sending' and ${leaseFree('h')})
    ), bump as (
      update slack_channel_gates g set next_send_at = ${gateUntil}::timestamptz
      from head where g.channel = head.channel
    )
    update outbox o
    set status = 'sending', attempts = o.attempts + 1, locked_by = ${opts.workerId},
        locked_until = ${leaseUntil}::timestamptz,
        first_attempt_at = coalesce(o.first_attempt_at, ${now}::timestamptz), maybe_delivered = true
    from head
    where o.id = head.id
      and ((o.status = 'pending' and o.available_at <= ${now}::timestamptz)
        or (o.status = 'sending' and ${leaseFree('o')}))
    returning o.id, o.channel, o.payload, o.attempts, o.first_attempt_at, head.maybe_delivered as was_maybe_delivered`,
  );
  return rows.map((r) => ({
    id: toNumber(r.id),
    channel: String(r.channel),
    payload: r.payload,
    attempts: toNumber(r.attempts),
    firstAttemptAt: toDate(r.first_attempt_at),
    maybeDelivered: r.was_maybe_delivered === true,
  }));
}
