import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { outbox, slackChannelGates } from '../db/schema.ts';

/*
 * Each outcome is written only by the worker that still holds the lease (locked_by): a worker
 * that stalled past its lease and came back must not overwrite what the new holder did.
 */
const leasedBy = (id: number, workerId: string) =>
  and(eq(outbox.id, id), eq(outbox.lockedBy, workerId), eq(outbox.status, 'sending'));

export async function markSent(db: DbOrTx, id: number, workerId: string, now: Date, ts: string | null) {
  await db
    .update(outbox)
    .set({ status: 'sent', sentAt: now, slackTs: ts, lockedBy: null, lockedUntil: null, lastError: null })
    .where(leasedBy(id, workerId));
}

/**
 * A row done without calling Slack (a newer row of the same card or Home will draw it): the
 * channel's next row may go at once rather than a second later, so a burst of changes to one
 * card costs one slot, not one per change.
 */
export async function markSkipped(
  db: DbOrTx,
  row: { id: number; channel: string },
  workerId: string,
  now: Date,
  ts: string | null,
) {
  await db.transaction(async (tx) => {
    const done = await tx
      .update(outbox)
      .set({ status: 'sent', sentAt: now, slackTs: ts, lockedBy: null, lockedUntil: null, lastError: null })
      .where(leasedBy(row.id, workerId))
      .returning({ id: outbox.id });
    if (!done.length) return;
    await tx
      .update(slackChannelGates)
      .set({ nextSendAt: sql`least(${slackChannelGates.nextSendAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(slackChannelGates.channel, row.channel));
  });
}

export async function markDead(db: DbOrTx, id: number, workerId: string, error: string) {
  await db
    .update(outbox)
    .set({ status: 'dead', lastError: error, lockedBy: null, lockedUntil: null })
    .where(leasedBy(id, workerId));
}

/**
 * Puts the row back for a later try. The channel's gate moves too: its later rows wait behind
 * this one, and a closed gate keeps the channel out of the next claims until then.
 * A 429 is Slack pacing us, not a failure, so it gives the attempt back; and since Slack said
 * it did nothing, the row is only as maybe-delivered as it was before this attempt.
 */
export async function markRetry(
  db: DbOrTx,
  row: { id: number; channel: string; maybeDelivered: boolean },
  workerId: string,
  retryAt: Date,
  error: string,
  opts: { countAttempt: boolean },
) {
  await db.transaction(async (tx) => {
    await tx
      .update(outbox)
      .set({
        status: 'pending',
        availableAt: retryAt,
        lastError: error,
        lockedBy: null,
        lockedUntil: null,
        ...(opts.countAttempt
          ? {}
          : { attempts: sql`greatest(${outbox.attempts} - 1, 0)`, maybeDelivered: row.maybeDelivered }),
      })
      .where(leasedBy(row.id, workerId));
    await tx
      .update(slackChannelGates)
      .set({
        nextSendAt: sql`greatest(${slackChannelGates.nextSendAt}, ${retryAt.toISOString()}::timestamptz)`,
      })
      .where(eq(slackChannelGates.channel, row.channel));
  });
}
