import { defineOrderJob } from '../orders/order-job.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { followUpMessage } from './follow-up-message.ts';
import { loadFollowUpSubject } from './follow-up-store.ts';

/**
 * `order.followup`: some working days after delivery the owner is asked, by DM, to find out how
 * it went. An order that moved on meanwhile (feedback logged, completed) needs no reminder.
 */
export const followUpJob = defineOrderJob({
  kind: 'order.followup',
  urgency: 'low',
  async handle(ctx, orderId, tx) {
    const subject = await loadFollowUpSubject(tx, orderId);
    if (subject?.status !== 'delivered') return;
    // Keyed by the run's time: a snoozed follow-up reminds again, a retried run does not twice.
    await enqueue(tx, ctx.now, [
      {
        key: `followup:${orderId}:${ctx.runAt.toISOString()}`,
        channel: subject.ownerId,
        effect: { kind: 'message', v: 1, message: followUpMessage(subject) },
      },
    ]);
  },
});
