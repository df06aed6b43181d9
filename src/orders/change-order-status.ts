import type { UseCaseContext } from '../context.ts';
import { moveOrder } from './move-order.ts';
import type { OrderAction } from './order-states.ts';
import { findOrder, type OrderRow } from './order-store.ts';

export interface StatusChange {
  orderId: number;
  /** The version the person saw; a newer order refuses the change. */
  expectedVersion: number;
  action: OrderAction;
  actor: string;
  reason?: string;
}

/** Moves an order one step through the state machine, records why, and updates every card of it. */
export async function changeOrderStatus(ctx: UseCaseContext, change: StatusChange): Promise<OrderRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const order = await findOrder(tx, change.orderId);
    const step = { action: change.action, ...(change.reason ? { reason: change.reason } : {}) };
    return moveOrder(tx, {
      now,
      order,
      expectedVersion: change.expectedVersion,
      steps: [step],
      actor: change.actor,
    });
  });
}
