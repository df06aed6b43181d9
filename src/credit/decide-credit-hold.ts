import { and, desc, eq } from 'drizzle-orm';
import { creditDecision } from '../auth/permissions.ts';
import { type Actor, requireDepartment, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { orderEvents } from '../db/schema.ts';
import { together } from '../db/together.ts';
import { AppError } from '../errors.ts';
import { confirmAndAllocate } from '../flows/confirm-and-allocate.ts';
import { moveOrder } from '../orders/move-order.ts';
import { findOrder, type OrderRow } from '../orders/order-store.ts';
import { routeInputs } from '../routing/allocate-order.ts';
import { findDepartment } from '../routing/allocation-store.ts';
import { refuseOwnCreditDecision } from './self-approval.ts';

export interface HoldDecision {
  orderId: number;
  /** The version the hold card showed. */
  expectedVersion: number;
}

/** Finance approves the credit: the order is confirmed and goes on its way. */
export function approveCreditHold(
  ctx: UseCaseContext,
  actor: Actor,
  decision: HoldDecision,
): Promise<OrderRow> {
  return decide(ctx, actor, decision, 'approved');
}

/** Finance rejects the credit: the order is cancelled with the reason given. */
export function rejectCreditHold(
  ctx: UseCaseContext,
  actor: Actor,
  decision: HoldDecision & { reason: string },
): Promise<OrderRow> {
  return decide(ctx, actor, decision, 'rejected', decision.reason);
}

async function decide(
  ctx: UseCaseContext,
  actor: Actor,
  { orderId, expectedVersion }: HoldDecision,
  verdict: 'approved' | 'rejected',
  reason?: string,
): Promise<OrderRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // One round trip for all that deciding reads; an approval routes the order, so what routing
    // reads about it comes along. The first failure in this order is the one thrown.
    const [, order, earlier, inputs] = await together(
      requireMayDecideCreditHolds(tx, actor),
      findOrder(tx, orderId),
      lastDecision(tx, orderId),
      verdict === 'approved' ? routeInputs(tx, orderId) : Promise.resolve(undefined),
    );
    refuseOwnCreditDecision(order, actor.userId, ctx.selfApproval ?? false);
    if (earlier) {
      throw new AppError(
        'conflict',
        `${order.number} was already ${earlier.decision} by <@${earlier.actor}>.`,
      );
    }
    if (order.status !== 'on_hold') {
      throw new AppError('invalid_transition', `${order.number} is no longer waiting for a credit decision.`);
    }
    const why = {
      type: 'credit_decided' as const,
      data: { decision: verdict, ...(reason ? { reason } : {}) },
    };
    if (inputs) {
      return confirmAndAllocate(ctx, tx, now, {
        order,
        expectedVersion,
        steps: [{ action: 'release' }, { action: 'confirm', reason: 'credit approved' }],
        actor: actor.userId,
        why,
        known: { inputs },
        // The decision is the last thing written: its COMMIT goes with the allocation's writes.
        endsTransaction: true,
      });
    }
    const steps = [{ action: 'cancel' as const, reason: `credit rejected: ${reason ?? ''}`.trim() }];
    return moveOrder(tx, { now, order, expectedVersion, steps, actor: actor.userId, because: why });
  });
}

/** Whether `actor` may decide this order's hold: finance, and not the order's own admin. */
export async function requireMayDecideHoldOf(
  ctx: UseCaseContext,
  actor: Actor,
  orderId: number,
): Promise<void> {
  await requireMayDecideCreditHolds(ctx.db, actor);
  refuseOwnCreditDecision(await findOrder(ctx.db, orderId), actor.userId, ctx.selfApproval ?? false);
}

/** Finance members, managers and admins decide credit holds. */
export async function requireMayDecideCreditHolds(tx: DbOrTx, actor: Actor): Promise<void> {
  const finance = await findDepartment(tx, 'finance');
  if (finance) return requireDepartment(actor, finance.id, finance.name, creditDecision.what);
  requireRole(actor, ['manager'], creditDecision.what);
}

async function lastDecision(tx: DbOrTx, orderId: number) {
  const [row] = await tx
    .select({ data: orderEvents.data, actor: orderEvents.actor })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.type, 'credit_decided')))
    .orderBy(desc(orderEvents.id))
    .limit(1);
  return row ? { decision: (row.data as { decision: string }).decision, actor: row.actor } : null;
}
