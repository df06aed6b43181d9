import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { orderEvents, orderNumberCounters, orders } from '../db/schema.ts';
import { AppError, staleOrderMessage } from '../errors.ts';
import type { OrderEvent } from './order-events.ts';
import { formatOrderNumber } from './order-number.ts';

export type OrderRow = typeof orders.$inferSelect;

/**
 * The next number of the year. The counter row is locked until the order's transaction ends,
 * so concurrent orders queue here for a moment and numbers never repeat or skip.
 */
export async function nextOrderNumber(tx: DbOrTx, year: number): Promise<string> {
  const [row] = await tx
    .insert(orderNumberCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({
      target: orderNumberCounters.year,
      set: { last: sql`${orderNumberCounters.last} + 1` },
    })
    .returning({ last: orderNumberCounters.last });
  if (!row) throw new Error('order number counter returned no row');
  return formatOrderNumber(year, row.last);
}

export async function findOrder(tx: DbOrTx, orderId: number): Promise<OrderRow> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, orderId));
  if (!row) throw new AppError('not_found', `There is no order with id ${orderId}.`);
  return row;
}

/**
 * Writes `changes` only if the order is still at `expectedVersion`, and bumps the version:
 * of two people acting on the same view of an order, the second is told it changed.
 */
export async function updateOrderAtVersion(
  tx: DbOrTx,
  orderId: number,
  expectedVersion: number,
  now: Date,
  changes: Partial<Pick<OrderRow, 'status' | 'statusBeforeHold' | 'deliveryDate' | 'notes' | 'totalCents'>>,
): Promise<OrderRow> {
  const [row] = await tx
    .update(orders)
    .set({ ...changes, version: sql`${orders.version} + 1`, updatedAt: now })
    .where(and(eq(orders.id, orderId), eq(orders.version, expectedVersion)))
    .returning();
  if (!row) throw new AppError('stale', staleOrderMessage);
  return row;
}

export async function appendOrderEvent(
  tx: DbOrTx,
  orderId: number,
  actor: string,
  at: Date,
  event: OrderEvent,
): Promise<void> {
  await tx.insert(orderEvents).values({ orderId, actor, at, type: event.type, data: event.data });
}
