import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { adminRecipients } from '../admin-recipients.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { scheduledJobs } from '../db/schema.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import type { ClaimedJob } from './claim-jobs.ts';

/*
 * Every outcome is fenced by the lease: it is written only while the job is still running under
 * this worker. A worker whose lease was taken over (or whose job was rescheduled or cancelled
 * meanwhile) writes nothing, and its handler's transaction rolls back with it.
 */
function ours(job: ClaimedJob, workerId: string) {
  return and(
    eq(scheduledJobs.id, job.id),
    eq(scheduledJobs.status, 'running'),
    eq(scheduledJobs.lockedBy, workerId),
  );
}

const released = { lockedBy: null, lockedUntil: null } as const;

async function fenced(
  tx: DbOrTx,
  job: ClaimedJob,
  workerId: string,
  set: PgUpdateSetSource<typeof scheduledJobs>,
): Promise<boolean> {
  const rows = await tx
    .update(scheduledJobs)
    .set({ ...set, ...released })
    .where(ours(job, workerId))
    .returning({ id: scheduledJobs.id });
  return rows.length > 0;
}

export function markDone(tx: DbOrTx, job: ClaimedJob, workerId: string, now: Date): Promise<boolean> {
  return fenced(tx, job, workerId, { status: 'done', finishedAt: now, lastError: null });
}

/** The handler asked to run again: a fresh start, with no failures counted. */
export function markRescheduled(tx: DbOrTx, job: ClaimedJob, workerId: string, at: Date): Promise<boolean> {
  return fenced(tx, job, workerId, { status: 'scheduled', runAt: at, attempts: 0, lastError: null });
}

/** Not run at all (a low-urgency job outside business hours): the claim is not counted as a try. */
export function holdBack(db: DbOrTx, job: ClaimedJob, workerId: string, until: Date): Promise<boolean> {
  return fenced(db, job, workerId, {
    status: 'scheduled',
    runAt: until,
    attempts: sql`${scheduledJobs.attempts} - 1`,
  });
}

export function markRetry(
  db: DbOrTx,
  job: ClaimedJob,
  workerId: string,
  at: Date,
  error: string,
): Promise<boolean> {
  return fenced(db, job, workerId, { status: 'scheduled', runAt: at, lastError: error });
}

/**
 * Gives a job up and tells each admin once, in one transaction: the DMs exist only if the job
 * really went dead here, and the fence means a second worker cannot tell them again.
 */
export async function markDead(
  db: Db,
  job: ClaimedJob,
  opts: { workerId: string; now: Date; reason: string; configAdmins: readonly string[] },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const dead = await fenced(tx, job, opts.workerId, {
      status: 'dead',
      finishedAt: opts.now,
      lastError: opts.reason,
    });
    if (!dead) return false;
    const text =
      `:warning: The scheduled job ${job.kind} “${job.key}” (due ${job.runAt.toISOString()}) was given up ` +
      `after ${job.attempts} ${job.attempts === 1 ? 'try' : 'tries'}: ${opts.reason}`;
    const admins = await adminRecipients(tx, opts.configAdmins);
    await enqueue(
      tx,
      opts.now,
      admins.map((admin) =>
        textMessage(`scheduler:dead:${job.id}:${opts.now.toISOString()}:${admin}`, admin, text),
      ),
    );
    return true;
  });
}
