import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { scheduledJobs } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { cancel, schedule } from '../scheduler/schedule-jobs.ts';
import { type ReminderPayload, reminderDm, reminderPayload } from './reminder-dm-job.ts';

/*
 * A reminder is its `reminder.dm` job and nothing else: the scheduler's row already holds who,
 * when and what, survives restarts, and is cancelled there, so no second table can disagree.
 */

export interface PendingReminder {
  key: string;
  runAt: Date;
  payload: ReminderPayload;
}

/** How many reminders `/order reminders` shows; nobody reads a longer list in Slack. */
export const listedReminders = 50;

/** Schedules a DM for `payload.userId` at `runAt`, at its time whether the office is open or not. */
export async function addReminder(
  db: DbOrTx,
  payload: ReminderPayload,
  runAt: Date,
  now: Date,
): Promise<string> {
  const key = `${payload.userId}:${randomUUID()}`;
  await schedule(db, reminderDm, key, runAt, payload, { now, urgency: 'normal' });
  return key;
}

/** The person's reminders still to come, soonest first. */
export async function pendingReminders(db: DbOrTx, userId: string): Promise<PendingReminder[]> {
  const rows = await db
    .select({ key: scheduledJobs.key, runAt: scheduledJobs.runAt, payload: scheduledJobs.payload })
    .from(scheduledJobs)
    .where(
      and(
        eq(scheduledJobs.kind, reminderDm.kind),
        inArray(scheduledJobs.status, ['scheduled', 'running']),
        sql`${scheduledJobs.payload}->>'userId' = ${userId}`,
      ),
    )
    .orderBy(asc(scheduledJobs.runAt), asc(scheduledJobs.id))
    .limit(listedReminders);
  return rows.flatMap((row) => {
    const payload = reminderPayload.safeParse(row.payload);
    return payload.success ? [{ key: row.key, runAt: row.runAt, payload: payload.data }] : [];
  });
}

/**
 * Cancels one of `userId`'s reminders; someone else's, one already sent or already cancelled is
 * refused with what happened to it.
 */
export async function cancelReminder(
  db: DbOrTx,
  userId: string,
  key: string,
  now: Date,
): Promise<ReminderPayload> {
  const [row] = await db
    .select({ status: scheduledJobs.status, payload: scheduledJobs.payload })
    .from(scheduledJobs)
    .where(and(eq(scheduledJobs.kind, reminderDm.kind), eq(scheduledJobs.key, key)));
  const payload = row ? reminderPayload.safeParse(row.payload) : null;
  if (!row || !payload?.success) throw new AppError('not_found', 'There is no such reminder.');
  if (payload.data.userId !== userId) {
    throw new AppError('forbidden', 'That reminder is someone else’s; only they can cancel it.');
  }
  if (!(await cancel(db, reminderDm.kind, key, now))) {
    throw new AppError(
      'conflict',
      row.status === 'cancelled'
        ? 'That reminder is cancelled already.'
        : 'That reminder was sent already, so there is nothing to cancel.',
    );
  }
  return payload.data;
}
