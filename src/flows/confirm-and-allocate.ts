import { calendarDate } from '../calendar.ts';
import type { UseCaseContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { together } from '../db/together.ts';
import { movedOrder, moveOrder, type Step } from '../orders/move-order.ts';
import type { OrderEvent } from '../orders/order-events.ts';
import { appendOrderEvent, type OrderRow } from '../orders/order-store.ts';
import {
  type AllocationReads,
  allocateOrder,
  type PlanLoads,
  planRoute,
  type RouteInputs,
  readPlanLoads,
  routeInputs,
} from '../routing/allocate-order.ts';

export interface Confirmation {
  order: OrderRow;
  /** The version the person saw. */
  expectedVersion: number;
  /** The moves that end in `confirm`: confirm alone, or release then confirm for a held order. */
  steps: readonly Step[];
  actor: string;
  /** The event that says why it was confirmed (e.g. finance's decision), recorded after the move. */
  why?: OrderEvent;
  /** routeInputs of the order, when they were read before it was stored (intake reads them then). */
  inputs?: RouteInputs;
  /**
   * readPlanLoads of the route planned from `inputs` today, read in the round trip that stored
   * the order (intake): then nothing is left to read, and the moves and the allocation's writes
   * go in one round trip.
   */
  loads?: PlanLoads;
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
  { order, expectedVersion, steps, actor, why, inputs, loads }: Confirmation,
): Promise<OrderRow> {
  if (inputs && loads !== undefined && !why) {
    // Allocation starts from the order as the move will leave it; if the move fails (a stale
    // version), the allocation's statements fail after it and the move's error is the one thrown.
    const [, allocated] = await together(
      moveOrder(tx, { now, order, expectedVersion, steps, actor }),
      allocateOrder(tx, now, ctx.timeZone, movedOrder(order, steps, now), actor, ctx.admins, {
        inputs,
        loads,
      }),
    );
    return allocated;
  }
  // What routing reads does not depend on the move, so it shares the move's round trip: given
  // the route's inputs (read before the order was stored), its loads and people; else the
  // inputs themselves. Either way, one round trip less while a new order holds its number counter.
  const move = moveOrder(tx, { now, order, expectedVersion, steps, actor });
  let known: AllocationReads;
  if (inputs) {
    const plan = planRoute(inputs, order, calendarDate(now, ctx.timeZone));
    const [, loads] = await together(move, readPlanLoads(tx, plan));
    known = { inputs, loads };
  } else {
    const [, read] = await together(move, routeInputs(tx, order));
    known = { inputs: read };
  }
  const confirmed = await move;
  if (why) await appendOrderEvent(tx, order.id, actor, now, why);
  return allocateOrder(tx, now, ctx.timeZone, confirmed, actor, ctx.admins, known);
}
