import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/roles.ts';
import { mention } from '../blocks/block-kit.ts';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { orderFeedback } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { moveOrder } from '../orders/move-order.ts';
import { appendOrderEvent, type OrderRow } from '../orders/order-store.ts';
import { alertAfterSales } from './alert-after-sales.ts';
import { type FeedbackInput, lowRating } from './feedback-modal.ts';
import { callOffFollowUp, followUpByOwner } from './follow-up-owner.ts';

/** Refuses a second feedback on an order: the first one stands. */
export async function requireNoFeedback(tx: DbOrTx, order: OrderRow): Promise<void> {
  const [logged] = await tx.select().from(orderFeedback).where(eq(orderFeedback.orderId, order.id));
  if (logged) throw alreadyLogged(order, logged.rating);
}

const alreadyLogged = (order: OrderRow, rating?: number) =>
  new AppError(
    'conflict',
    `Feedback on ${order.number} is already logged${rating ? ` (★${rating})` : ''}; it stays as it is.`,
  );

/**
 * The owner logs what the customer said: stored once, on the timeline and the cards; a delivered
 * order is completed, and the follow-up and the completion without feedback are called off. A
 * low rating goes to after-sales.
 */
export async function logFeedback(
  ctx: UseCaseContext,
  actor: Actor,
  orderId: number,
  input: FeedbackInput,
): Promise<OrderRow> {
  return followUpByOwner(ctx, actor, orderId, async (tx, order, now) => {
    const [stored] = await tx
      .insert(orderFeedback)
      .values({
        orderId,
        rating: input.rating,
        comment: input.comment || null,
        reasons: input.rating <= lowRating ? input.reasons : [],
        needsFollowUp: input.needsFollowUp,
        loggedBy: actor.userId,
        loggedAt: now,
      })
      .onConflictDoNothing()
      .returning({ orderId: orderFeedback.orderId });
    if (!stored) throw alreadyLogged(order);
    await appendOrderEvent(tx, orderId, actor.userId, now, {
      type: 'feedback_logged',
      data: {
        rating: input.rating,
        reasons: input.rating <= lowRating ? input.reasons : [],
        ...(input.comment ? { comment: input.comment } : {}),
        needsFollowUp: input.needsFollowUp,
      },
    });
    const steps = order.status === 'delivered' ? [{ action: 'complete' as const }] : [];
    const moved = await moveOrder(tx, {
      now,
      order,
      expectedVersion: order.version,
      steps,
      actor: actor.userId,
      line: `${mention(actor.userId)} logged the customer's feedback: ★${input.rating}${steps.length ? ' → *completed*' : ''}`,
    });
    await callOffFollowUp(tx, orderId, now);
    if (input.rating <= lowRating)
      await alertAfterSales(tx, now, orderId, {
        configAdmins: ctx.admins ?? [],
        ...(ctx.afterDelivery ? { policy: ctx.afterDelivery } : {}),
      });
    return moved;
  });
}
