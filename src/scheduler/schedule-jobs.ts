import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { scheduledJobs } from '../db/schema.ts';
import type { JobKind, Urgency } from './job-kind.ts';

/*
 * Scheduling happens in the caller's transaction: a job exists only if the change that asked
 * for it commits. Changing a running job takes its lease away (status and locked_by change), so
 * the run in flight cannot record its result: its transaction rolls back and the job runs again
 * as changed.
 */

/**
 * Schedules `kind` for `key` at `runAt`, or moves the job already there: one job per (kind,
 * key). A done, cancelled or dead job is scheduled afresh.
 */
export async function schedule<Payload>(
  tx: DbOrTx,
  kind: JobKind<Payload>,
  key: string,
  runAt: Date,
  payload: Payload,
  opts: { now: Date; urgency?: Urgency },
): Promise<void> {
  const fields = {
    runAt,
    payload: kind.payload.parse(payload),
    payloadVersion: kind.version,
    urgency: opts.urgency ?? kind.urgency,
    status: 'scheduled' as const,
    attempts: 0,
    lockedBy: null,
    lockedUntil: null,
    lastError: null,
    finishedAt: null,
  };
  await tx
    .insert(scheduledJobs)
    .values({ kind: kind.kind, key, createdAt: opts.now, ...fields })
    .onConflictDoUpdate({ target: [scheduledJobs.kind, scheduledJobs.key], set: fields });
}

/** Cancels a job that has not run yet (or is running). Returns whether there was one. */
export async function cancel(tx: DbOrTx, kind: string, key: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(scheduledJobs)
    .set({ status: 'cancelled', lockedBy: null, lockedUntil: null, finishedAt: now })
    .where(pending(kind, key))
    .returning({ id: scheduledJobs.id });
  return rows.length > 0;
}

/** Moves a job that has not run yet to `runAt`. Returns whether there was one. */
export async function reschedule(tx: DbOrTx, kind: string, key: string, runAt: Date): Promise<boolean> {
  const rows = await tx
    .update(scheduledJobs)
    .set({ runAt, status: 'scheduled', lockedBy: null, lockedUntil: null })
    .where(pending(kind, key))
    .returning({ id: scheduledJobs.id });
  return rows.length > 0;
}

/**
 * Puts a job off by `forMs`: from when it was due, or from now if that has passed (snoozing an
 * overdue reminder by an hour means an hour from now).
 */
export async function snooze(
  tx: DbOrTx,
  kind: string,
  key: string,
  forMs: number,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(scheduledJobs)
    .set({
      runAt: sql`greatest(${scheduledJobs.runAt}, ${now.toISOString()}::timestamptz) + ${forMs} * interval '1 millisecond'`,
      status: 'scheduled',
      lockedBy: null,
      lockedUntil: null,
    })
    .where(pending(kind, key))
    .returning({ id: scheduledJobs.id });
  return rows.length > 0;
}

function pending(kind: string, key: string) {
  return and(
    eq(scheduledJobs.kind, kind),
    eq(scheduledJobs.key, key),
    inArray(scheduledJobs.status, ['scheduled', 'running']),
  );
}

/** The job of this kind and key still to run (scheduled, or running now); undefined once finished. */
export async function pendingJob(
  db: DbOrTx,
  kind: string,
  key: string,
): Promise<{ runAt: Date; status: string } | undefined> {
  const [row] = await db
    .select({ runAt: scheduledJobs.runAt, status: scheduledJobs.status })
    .from(scheduledJobs)
    .where(
      and(
        eq(scheduledJobs.kind, kind),
        eq(scheduledJobs.key, key),
        inArray(scheduledJobs.status, ['scheduled', 'running']),
      ),
    );
  return row;
}
