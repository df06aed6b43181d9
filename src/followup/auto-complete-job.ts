import { z } from 'zod';
import { moveOrder } from '../orders/move-order.ts';
import { findOrder } from '../orders/order-store.ts';
import { defineJobKind } from '../scheduler/job-kind.ts';

/** Who the timeline names for what orderdesk did by itself. */
export const systemActor = 'orderdesk';

/**
 * `order.auto_complete`: a delivered order nobody logged feedback on is completed, "no feedback",
 * once the configured days have passed. An order that moved on already is left as it is.
 */
export const autoCompleteJob = defineJobKind({
  kind: 'order.auto_complete',
  version: 1,
  payload: z.object({ orderId: z.int().positive() }),
  urgency: 'normal',
  async handle(ctx, { orderId }, tx) {
    const order = await findOrder(tx, orderId);
    if (order.status !== 'delivered') return;
    await moveOrder(tx, {
      now: ctx.now,
      order,
      expectedVersion: order.version,
      steps: [{ action: 'complete', reason: 'no feedback' }],
      actor: systemActor,
      line: ':hourglass: no feedback came → *completed*',
    });
  },
});
