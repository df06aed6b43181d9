import { defineOrderJob, systemActor } from '../orders/order-job.ts';
import { findOrder } from '../orders/order-store.ts';
import { completeWithoutFeedback } from './complete-without-feedback.ts';

/**
 * `order.auto_complete`: a delivered order nobody logged feedback on is completed, "no feedback",
 * once the configured days have passed. An order that moved on already is left as it is.
 */
export const autoCompleteJob = defineOrderJob({
  kind: 'order.auto_complete',
  async handle(ctx, orderId, tx) {
    const order = await findOrder(tx, orderId);
    if (order.status !== 'delivered') return;
    await completeWithoutFeedback(tx, ctx.now, order, {
      actor: systemActor,
      reason: 'no feedback',
      line: ':hourglass: no feedback came → *completed*',
    });
  },
});
