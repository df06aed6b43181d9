import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { orderEvents, orders } from '../db/schema.ts';
import { tableStatements } from '../db/table-statements.ts';
import { AppError, staleOrderMessage } from '../errors.ts';
import type { OrderEvent } from './order-events.ts';

export type OrderRow = typeof orders.$inferSelect;

/** Every move writes the order and its events: as templates (table-statements.ts says why). */
const orderStatements = tableStatements(orders);
const eventStatements = tableStatements(orderEvents);

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
  changes: Partial<
    Pick<
      OrderRow,
      | 'status'
      | 'statusBeforeHold'
      | 'holdKind'
      | 'holdReason'
      | 'deliveryDate'
      | 'paymentMethod'
      | 'notes'
      | 'totalCents'
    >
  >,
): Promise<OrderRow> {
  const [row] = await orderStatements.returning(
    tx,
    sql`update orders set ${orderStatements.assignments({ ...changes, updatedAt: now })}, version = version + 1
        where id = ${orderId} and version = ${expectedVersion} returning *`,
  );
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
  await appendOrderEvents(tx, orderId, actor, at, [event]);
}

/** Several events of one moment, in this order, in one statement. */
export async function appendOrderEvents(
  tx: DbOrTx,
  orderId: number,
  actor: string,
  at: Date,
  events: readonly OrderEvent[],
): Promise<void> {
  if (!events.length) return;
  await tx.execute(
    sql`insert into order_events ${eventStatements.rows(
      events.map((event) => ({ orderId, actor, at, type: event.type, data: event.data })),
    )}`,
  );
}
