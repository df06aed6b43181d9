import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { reportRuns } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** A run older than this was left by an instance that died; a new one may start. */
export const staleRunMs = 5 * 60_000;

/**
 * Takes the person's one report slot, across instances; refused while their last report is
 * still being made. Release it with `endReportRun` when done, whatever happened.
 */
export async function startReportRun(db: DbOrTx, userId: string, now: Date): Promise<void> {
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
      'Your last report is still being made: it comes in a moment. Ask again after it.',
    );
  }
}

export async function endReportRun(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(reportRuns).where(sql`${reportRuns.userId} = ${userId}`);
}
