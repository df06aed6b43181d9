import { defineOrderJob } from '../orders/order-job.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import { afterSalesTaskText } from './after-sales-message.ts';
import { afterSalesAssignees } from './after-sales-store.ts';
import { loadRating } from './low-rating-store.ts';

/**
 * `aftersales.task`: the working day after a low rating, after-sales (its manager, else its
 * channel, else the admins) is reminded to take the customer up.
 */
export const afterSalesTaskJob = defineOrderJob({
  kind: 'aftersales.task',
  urgency: 'low',
  async handle(ctx, orderId, tx) {
    const rating = await loadRating(tx, orderId);
    if (!rating) return;
    const to = await afterSalesAssignees(tx, ctx.admins);
    await enqueue(
      tx,
      ctx.now,
      to.map((channel) =>
        textMessage(
          `aftersales.task:${orderId}:${channel}:${ctx.runAt.toISOString()}`,
          channel,
          afterSalesTaskText(rating),
        ),
      ),
    );
  },
});
