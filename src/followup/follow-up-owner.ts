import type { Actor } from '../auth/roles.ts';
import { mention } from '../blocks/block-kit.ts';
import type { UseCaseContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { findOrder, type OrderRow } from '../orders/order-store.ts';
import { cancel } from '../scheduler/schedule-jobs.ts';
import { autoCompleteJob } from './auto-complete-job.ts';
import { followUpKey } from './follow-up-ids.ts';
import { followUpJob } from './follow-up-job.ts';

/** The follow-up is the owner's (an admin may stand in). */
export function requireOwner(actor: Actor, order: OrderRow): void {
  if (actor.userId === order.ownerId || actor.roles.includes('admin')) return;
  throw new AppError(
    'forbidden',
    `Only ${mention(order.ownerId)}, who owns ${order.number}, or an admin can follow it up.`,
  );
}

/** What the owner does to a follow-up, in one transaction, once the order is found and theirs. */
export function followUpByOwner<T>(
  ctx: UseCaseContext,
  actor: Actor,
  orderId: number,
  work: (tx: Tx, order: OrderRow, now: Date) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const order = await findOrder(tx, orderId);
    requireOwner(actor, order);
    return work(tx, order, ctx.clock.now());
  });
}

/** The follow-up is over: neither the reminder nor the completion without feedback comes. */
export async function callOffFollowUp(tx: Tx, orderId: number, now: Date): Promise<void> {
  const key = followUpKey(orderId);
  await cancel(tx, followUpJob.kind, key, now);
  await cancel(tx, autoCompleteJob.kind, key, now);
}
