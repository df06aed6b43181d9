import type { AfterDeliveryPolicy } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { loadTimeline } from '../orders/order-queries.ts';
import { timelineLines } from '../orders/order-timeline.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { schedule } from '../scheduler/schedule-jobs.ts';
import { followUpAt } from './after-delivery-times.ts';
import { lowRatingCard } from './after-sales-message.ts';
import { afterSalesAudience } from './after-sales-store.ts';
import { afterSalesTaskJob } from './after-sales-task-job.ts';
import { followUpKey } from './follow-up-ids.ts';
import { loadRating } from './low-rating-store.ts';

/**
 * In the feedback's transaction, for a low rating: a card with the order's timeline to
 * after-sales (or the admins) and to every department that handled the order, and after-sales'
 * task for the next working day.
 */
export async function alertAfterSales(
  tx: DbOrTx,
  now: Date,
  orderId: number,
  opts: { configAdmins: readonly string[]; policy?: AfterDeliveryPolicy },
): Promise<void> {
  const rating = await loadRating(tx, orderId);
  if (!rating) return;
  const card = lowRatingCard(rating, timelineLines(await loadTimeline(tx, orderId)));
  const audience = await afterSalesAudience(tx, orderId, opts.configAdmins);
  await enqueue(
    tx,
    now,
    audience.map((channel) => ({
      key: `aftersales.card:${orderId}:${channel}`,
      channel,
      effect: { kind: 'message', v: 1, message: card },
    })),
  );
  const runAt = opts.policy ? followUpAt({ ...opts.policy, followUpDays: 1 }, now) : now;
  await schedule(tx, afterSalesTaskJob, followUpKey(orderId), runAt, { orderId }, { now });
}
