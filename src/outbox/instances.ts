import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { outbox, outboxInstances } from '../db/schema.ts';

/** How often a running dispatcher says it is alive, and renews the leases it holds. */
export const heartbeatMs = 1000;

/**
 * A dispatcher silent this long is taken for dead and its leases are free: three missed beats,
 * so a busy event loop or a slow query does not hand a live worker's rows to another.
 */
export const staleAfterMs = 4 * heartbeatMs;

/** Rows of instances gone this long are forgotten; their leases ran out long before. */
const forgetAfterMs = 24 * 60 * 60_000;

export async function registerInstance(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db
    .delete(outboxInstances)
    .where(lt(outboxInstances.heartbeatAt, new Date(now.getTime() - forgetAfterMs)));
  await db
    .insert(outboxInstances)
    .values({ id, startedAt: now, heartbeatAt: now })
    .onConflictDoUpdate({ target: outboxInstances.id, set: { heartbeatAt: now } });
}

/** Says the instance is alive and extends the leases of the rows it is sending. */
export async function beat(db: DbOrTx, id: string, now: Date, leaseMs: number): Promise<void> {
  await db.update(outboxInstances).set({ heartbeatAt: now }).where(eq(outboxInstances.id, id));
  await db
    .update(outbox)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
    .where(and(eq(outbox.lockedBy, id), eq(outbox.status, 'sending')));
}

/** A clean stop: the instance holds nothing any more, so its row can go. */
export async function retireInstance(db: DbOrTx, id: string): Promise<void> {
  await db.delete(outboxInstances).where(eq(outboxInstances.id, id));
}
