import type { UseCaseContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { moveOrder, type Step } from '../orders/move-order.ts';
import type { OrderEvent } from '../orders/order-events.ts';
import { appendOrderEvent, type OrderRow } from '../orders/order-store.ts';
import { allocateOrder } from '../routing/allocate-order.ts';

export interface Confirmation {
  order: OrderRow;
  /** The version the person saw. */
  expectedVersion: number;
  /** The moves that end in `confirm`: confirm alone, or release then confirm for a held order. */
  steps: readonly Step[];
  actor: string;
  /** The event that says why it was confirmed (e.g. finance's decision), recorded after the move. */
  why?: OrderEvent;
}

/**
 * An order is confirmed and sent on its way: the moves are made, then the order is routed to its
 * departments. Intake confirms an order whose credit is fine; finance confirms one it approved.
 * Runs in the caller's transaction.
 */
export async function confirmAndAllocate(
  ctx: UseCaseContext,
  tx: Tx,
  now: Date,
  { order, expectedVersion, steps, actor, why }: Confirmation,
): Promise<OrderRow> {
  const confirmed = await moveOrder(tx, { now, order, expectedVersion, steps, actor });
  if (why) await appendOrderEvent(tx, order.id, actor, now, why);
  return allocateOrder(tx, now, ctx.timeZone, confirmed, actor, ctx.admins);
}
