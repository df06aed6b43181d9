import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toDate, toNumber } from '../db/rows.ts';
import type { Urgency } from './job-kind.ts';

export interface ClaimedJob {
  id: number;
  kind: string;
  key: string;
  runAt: Date;
  payload: unknown;
  payloadVersion: number;
  urgency: Urgency;
  /** Counting this claim. */
  attempts: number;
}

/**
 * Leases up to `limit` due jobs, plus up to `limit` whose lease ran out (their instance died
 * mid-run), in one short statement. SKIP LOCKED lets several instances claim side by side
 * without waiting or taking the same row; each branch walks its own partial index, so the cost
 * follows what is due, never how many finished jobs are stored.
 *
 * "Now" is the injected clock's, passed as a parameter like the outbox's claim: every instance
 * of a deployment runs on synchronised hosts, and tests move time by hand.
 */
export async function claimDueJobs(
  db: DbOrTx,
  opts: { now: Date; workerId: string; limit: number; leaseMs: number },
): Promise<ClaimedJob[]> {
  const now = opts.now.toISOString();
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs).toISOString();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with due as (
      select id from scheduled_jobs
      where status = 'scheduled' and run_at <= ${now}::timestamptz
      order by run_at
      limit ${opts.limit}
      for update skip locked
    ), orphaned as (
      select id from scheduled_jobs
      where status = 'running' and locked_until < ${now}::timestamptz
      order by locked_until
      limit ${opts.limit}
      for update skip locked
    )
    update scheduled_jobs j
    set status = 'running', attempts = j.attempts + 1, locked_by = ${opts.workerId},
        locked_until = ${leaseUntil}::timestamptz
    from (select id from due union select id from orphaned) picked
    where j.id = picked.id
    returning j.id, j.kind, j.key, j.run_at, j.payload, j.payload_version, j.urgency, j.attempts`,
  );
  return rows.map((r) => ({
    id: toNumber(r.id),
    kind: String(r.kind),
    key: String(r.key),
    runAt: toDate(r.run_at),
    payload: r.payload,
    payloadVersion: toNumber(r.payload_version),
    urgency: r.urgency === 'low' ? 'low' : 'normal',
    attempts: toNumber(r.attempts),
  }));
}
