import type { UseCaseContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { together } from '../db/together.ts';
import { movedOrder, moveOrder, type Step } from '../orders/move-order.ts';
import type { OrderEvent } from '../orders/order-events.ts';
import { appendOrderEvent, type OrderRow } from '../orders/order-store.ts';
import { type AllocationReads, allocateOrder, routeInputs } from '../routing/allocate-order.ts';

export interface Confirmation {
  order: OrderRow;
  /** The version the person saw. */
  expectedVersion: number;
  /** The moves that end in `confirm`: confirm alone, or release then confirm for a held order. */
  steps: readonly Step[];
  actor: string;
  /** The event that says why it was confirmed (e.g. finance's decision), recorded after the move. */
  why?: OrderEvent;
  /**
   * All that allocation reads, when the caller read it already (intake, with the insert): then
   * the moves and the allocation's writes go in one round trip.
   */
  known?: Required<AllocationReads>;
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
  { order, expectedVersion, steps, actor, why, known }: Confirmation,
): Promise<OrderRow> {
  // Allocation queues the order's App Homes at the version it leaves the order in.
  const move = moveOrder(tx, { now, order, expectedVersion, steps, actor, homes: false });
  const recordWhy = () => (why ? appendOrderEvent(tx, order.id, actor, now, why) : Promise.resolve());
  if (known) {
    // Allocation starts from the order as the move will leave it; if the move fails (a stale
    // version), the statements after it fail too and the move's error is the one thrown.
    const [, , allocated] = await together(
      move,
      recordWhy(),
      allocateOrder(tx, now, ctx.timeZone, movedOrder(order, steps, now), actor, ctx.admins, known),
    );
    return allocated;
  }
  // What routing reads does not depend on the move, so it shares the move's round trip.
  const [confirmed, inputs] = await together(move, routeInputs(tx, order));
  await recordWhy();
  return allocateOrder(tx, now, ctx.timeZone, confirmed, actor, ctx.admins, { inputs });
}
