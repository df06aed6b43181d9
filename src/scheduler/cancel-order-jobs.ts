import { and, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { scheduledJobs } from '../db/schema.ts';

/**
 * Cancels every job still to run that is about one order (a reminder names it as `order.id`,
 * after-delivery jobs as `orderId`): a cancelled order reminds nobody. Returns how many.
 */
export async function cancelJobsOfOrder(tx: DbOrTx, orderId: number, now: Date): Promise<number> {
  const id = String(orderId);
  const rows = await tx
    .update(scheduledJobs)
    .set({ status: 'cancelled', lockedBy: null, lockedUntil: null, finishedAt: now })
    .where(
      and(
        eq(scheduledJobs.status, 'scheduled'),
        or(
          sql`${scheduledJobs.payload}->>'orderId' = ${id}`,
          sql`${scheduledJobs.payload}->'order'->>'id' = ${id}`,
        ),
      ),
    )
    .returning({ id: scheduledJobs.id });
  return rows.length;
}
