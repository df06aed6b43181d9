import type { AfterDeliveryPolicy } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { schedule } from '../scheduler/schedule-jobs.ts';
import { autoCompleteAt, followUpAt } from './after-delivery-times.ts';
import { autoCompleteJob } from './auto-complete-job.ts';
import { followUpKey } from './follow-up-ids.ts';
import { followUpJob } from './follow-up-job.ts';

/**
 * In the delivery's transaction: the owner's follow-up reminder and the completion that comes
 * if nobody logs feedback. One of each per order, however often delivery is recorded.
 */
export async function scheduleAfterDelivery(
  tx: DbOrTx,
  policy: AfterDeliveryPolicy,
  now: Date,
  orderId: number,
): Promise<void> {
  const key = followUpKey(orderId);
  await schedule(tx, followUpJob, key, followUpAt(policy, now), { orderId }, { now });
  await schedule(tx, autoCompleteJob, key, autoCompleteAt(policy, now), { orderId }, { now });
}
