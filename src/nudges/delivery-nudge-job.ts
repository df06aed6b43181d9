import { z } from 'zod';
import { daysBetween, localTime, nextWorkingMorning, zonedInstant } from '../calendar.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { defineJobKind } from '../scheduler/job-kind.ts';
import { deliveryNudgeKey, encodeNudgeRef, nudgeKinds } from './nudge-ids.ts';
import { deliveryNudge } from './nudge-message.ts';
import { loadDeliverySubject, unshippedStates } from './nudge-store.ts';

/**
 * `nudge.delivery`: an order not shipped, its delivery date near. It nudges once before the
 * date, then once every working day after it, and stops by itself (finishes) as soon as the
 * order is shipped, cancelled or given another date. Low urgency: held to a working morning.
 */
export const deliveryNudgeJob = defineJobKind({
  kind: nudgeKinds.delivery,
  payload: z.object({ orderId: z.int().positive(), deliveryDate: z.iso.date() }),
  urgency: 'low',
  async handle(ctx, { orderId, deliveryDate }, tx) {
    const s = await loadDeliverySubject(tx, orderId);
    if (!s || !unshippedStates.includes(s.status) || s.deliveryDate !== deliveryDate) return;
    const { timeZone } = ctx.calendar;
    const daysLeft = daysBetween(localTime(ctx.now, timeZone).date, deliveryDate);
    const message = deliveryNudge(
      s,
      daysLeft,
      encodeNudgeRef(nudgeKinds.delivery, deliveryNudgeKey(orderId, deliveryDate)),
    );
    // Keyed by the run: a retried run sends nothing twice, the next day's run sends again.
    await enqueue(
      tx,
      ctx.now,
      [s.ownerId, ...s.channels].map((to) => ({
        key: `nudge:delivery:${orderId}:${deliveryDate}:${ctx.runAt.toISOString()}:${to}`,
        channel: to,
        effect: { kind: 'message', v: 1, message },
      })),
    );
    // Before the date, the next word is the first working morning after it; after, every working morning.
    const after = daysLeft >= 0 ? zonedInstant(deliveryDate, 24 * 60 - 1, timeZone) : ctx.now;
    return { rescheduleAt: nextWorkingMorning(ctx.calendar, after) };
  },
});
