import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { reportRuns } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** A run older than this was left by an instance that died; a new one may start. */
export const staleRunMs = 5 * 60_000;

/**
 * Runs `work` in the person's one slot for heavy questions (a report or a forecast), across
 * instances: refused while their last one is still being made, released when `work` ends,
 * whatever happened.
 */
export async function inHeavyQuestionSlot<T>(
  db: DbOrTx,
  userId: string,
  now: Date,
  work: () => Promise<T>,
): Promise<T> {
  await startReportRun(db, userId, now);
  try {
    return await work();
  } finally {
    await endReportRun(db, userId);
  }
}

async function startReportRun(db: DbOrTx, userId: string, now: Date): Promise<void> {
  const taken = await db
    .insert(reportRuns)
    .values({ userId, startedAt: now })
    .onConflictDoUpdate({
      target: reportRuns.userId,
      set: { startedAt: now },
      setWhere: sql`${reportRuns.startedAt} < ${new Date(now.getTime() - staleRunMs).toISOString()}::timestamptz`,
    })
    .returning({ userId: reportRuns.userId });
  if (taken.length === 0) {
    throw new AppError(
      'conflict',
      'Your last report or forecast is still being made: it comes in a moment. Ask again after it.',
    );
  }
}

async function endReportRun(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(reportRuns).where(sql`${reportRuns.userId} = ${userId}`);
}
