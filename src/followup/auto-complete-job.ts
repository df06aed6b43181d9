import { moveOrder } from '../orders/move-order.ts';
import { defineOrderJob, systemActor } from '../orders/order-job.ts';
import { findOrder } from '../orders/order-store.ts';

/**
 * `order.auto_complete`: a delivered order nobody logged feedback on is completed, "no feedback",
 * once the configured days have passed. An order that moved on already is left as it is.
 */
export const autoCompleteJob = defineOrderJob({
  kind: 'order.auto_complete',
  urgency: 'normal',
  async handle(ctx, orderId, tx) {
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
