import type { UseCaseContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Step } from '../orders/move-order.ts';
import type { OrderEvent } from '../orders/order-events.ts';
import type { OrderRow } from '../orders/order-store.ts';
import { type AllocationReads, allocateOrder } from '../routing/allocate-order.ts';

export interface Confirmation {
  order: OrderRow;
  /** The version the person saw. */
  expectedVersion: number;
  /** The moves that end in `confirm`: confirm alone, or release then confirm for a held order. */
  steps: readonly Step[];
  actor: string;
  /** The event that says why it was confirmed (e.g. finance's decision), recorded with the moves. */
  why?: OrderEvent;
  /**
   * What allocation reads, when the caller read it already: the route's inputs read with the
   * order (finance's decision), and the loads too (intake, with the insert), when the move and
   * the allocation's writes go in one round trip.
   */
  known?: AllocationReads;
  /** Nothing follows in the caller's transaction: see AllocationOptions.endsTransaction. */
  endsTransaction?: boolean;
}

/**
 * An order is confirmed and sent on its way to its departments, in one write of the order that
 * records each move. Intake confirms an order whose credit is fine; finance confirms one it
 * approved. Runs in the caller's transaction.
 */
export function confirmAndAllocate(
  ctx: UseCaseContext,
  tx: Tx,
  now: Date,
  { order, expectedVersion, steps, actor, why, known, endsTransaction = false }: Confirmation,
): Promise<OrderRow> {
  // The confirming moves and the allocation's are one write of the order, with one card update.
  return allocateOrder(tx, now, ctx.timeZone, order, actor, {
    configAdmins: ctx.admins,
    known,
    confirming: steps,
    because: why,
    expectedVersion,
    endsTransaction,
  });
}
