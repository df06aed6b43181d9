import type { Actor } from '../auth/roles.ts';
import { mention } from '../blocks/block-kit.ts';
import type { UseCaseContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { describeStatus } from '../orders/order-states.ts';
import type { OrderRow } from '../orders/order-store.ts';
import { schedule } from '../scheduler/schedule-jobs.ts';
import { type SnoozeChoice, snoozeChoices } from './after-delivery-times.ts';
import { completeWithoutFeedback } from './complete-without-feedback.ts';
import { followUpKey } from './follow-up-ids.ts';
import { followUpJob } from './follow-up-job.ts';
import { callOffFollowUp, followUpByOwner } from './follow-up-owner.ts';

/** A follow-up is open while the order waits, delivered, for word from the customer. */
function requireOpen(order: OrderRow): void {
  if (order.status !== 'delivered')
    throw new AppError(
      'invalid_transition',
      `The follow-up on ${order.number} is finished: the order is ${describeStatus(order.status)}.`,
    );
}

/** Snooze: the reminder comes again after the chosen time (the job is moved, or scheduled afresh once it ran). */
export async function snoozeFollowUp(
  ctx: UseCaseContext,
  actor: Actor,
  orderId: number,
  choice: SnoozeChoice,
): Promise<Date> {
  return followUpByOwner(ctx, actor, orderId, async (tx, order, now) => {
    requireOpen(order);
    const at = new Date(now.getTime() + snoozeChoices[choice].ms);
    await schedule(tx, followUpJob, followUpKey(orderId), at, { orderId }, { now });
    return at;
  });
}

/** Done: the owner followed up without feedback to log; the order is completed and nothing more is scheduled. */
export async function finishFollowUp(ctx: UseCaseContext, actor: Actor, orderId: number): Promise<OrderRow> {
  return followUpByOwner(ctx, actor, orderId, async (tx, order, now) => {
    requireOpen(order);
    await callOffFollowUp(tx, orderId, now);
    return completeWithoutFeedback(tx, now, order, {
      actor: actor.userId,
      reason: 'followed up, no feedback logged',
      line: `${mention(actor.userId)} followed up → *completed*`,
    });
  });
}
