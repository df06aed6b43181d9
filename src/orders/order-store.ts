import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { orderEvents, orders } from '../db/schema.ts';
import { AppError, staleOrderMessage } from '../errors.ts';
import type { OrderEvent } from './order-events.ts';

export type OrderRow = typeof orders.$inferSelect;

/**
 * Gives the order its number: the next of the year, as `SO-2026-000123`. Counter and order are
 * written in one statement, and callers do this last in their transaction: the counter row stays
 * locked until commit, so concurrent orders queue here for the shortest time, and numbers never
 * repeat or skip.
 */
export async function numberOrder(tx: DbOrTx, orderId: number, year: number): Promise<string> {
  const [row] = await queryRows<{ number: string }>(
    tx,
    sql`with next as (
          insert into order_number_counters (year, last) values (${year}, 1)
          on conflict (year) do update set last = order_number_counters.last + 1
          returning last
        )
        update orders set number = ${`SO-${year}-`} || lpad(next.last::text, greatest(6, length(next.last::text)), '0')
        from next where orders.id = ${orderId}
        returning orders.number`,
  );
  if (!row) throw new Error(`order ${orderId} could not be numbered`);
  return row.number;
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
