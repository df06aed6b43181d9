import type { Actor } from '../auth/roles.ts';
import { mention } from '../blocks/block-kit.ts';
import type { UseCaseContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { moveOrder } from '../orders/move-order.ts';
import { describeStatus } from '../orders/order-states.ts';
import { findOrder, type OrderRow } from '../orders/order-store.ts';
import { cancel, schedule } from '../scheduler/schedule-jobs.ts';
import { type SnoozeChoice, snoozeChoices } from './after-delivery-times.ts';
import { autoCompleteJob } from './auto-complete-job.ts';
import { followUpKey } from './follow-up-ids.ts';
import { followUpJob } from './follow-up-job.ts';
import { requireOwner } from './log-feedback.ts';

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
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const order = await findOrder(tx, orderId);
    requireOwner(actor, order);
    requireOpen(order);
    const at = new Date(now.getTime() + snoozeChoices[choice].ms);
    await schedule(tx, followUpJob, followUpKey(orderId), at, { orderId }, { now });
    return at;
  });
}

/** Done: the owner followed up without feedback to log; the order is completed and nothing more is scheduled. */
export async function finishFollowUp(ctx: UseCaseContext, actor: Actor, orderId: number): Promise<OrderRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const order = await findOrder(tx, orderId);
    requireOwner(actor, order);
    requireOpen(order);
    const key = followUpKey(orderId);
    await cancel(tx, followUpJob.kind, key, now);
    await cancel(tx, autoCompleteJob.kind, key, now);
    return moveOrder(tx, {
      now,
      order,
      expectedVersion: order.version,
      steps: [{ action: 'complete', reason: 'followed up, no feedback logged' }],
      actor: actor.userId,
      line: `${mention(actor.userId)} followed up → *completed*`,
    });
  });
}
