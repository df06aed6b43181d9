import { type Actor, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import { orderChanges } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findOrder, type OrderRow } from '../orders/order-store.ts';
import { routeOf } from '../routing/allocation-store.ts';
import { applyCancel } from './apply-change.ts';
import { assessCancellation } from './change-impact.ts';
import { openForApproval } from './open-for-approval.ts';
import { refuseSecond } from './request-change.ts';

export interface CancelAsked {
  orderId: number;
  reason: string;
}

/**
 * Cancel order (issue 13, point 4): the order's owner or an admin, with a reason. Before
 * production it is cancelled at once; in production or later, the departments whose work has
 * begun approve first; once shipped it is refused with the reason.
 */
export async function cancelOrder(
  ctx: UseCaseContext,
  actor: Actor,
  asked: CancelAsked,
): Promise<{ order: OrderRow; outcome: 'cancelled' | 'sent' }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const order = await findOrder(tx, asked.orderId);
    if (order.ownerId !== actor.userId) requireRole(actor, ['admin'], 'cancel orders');
    const route = await routeOf(tx, order.id);
    const impact = assessCancellation({
      orderNumber: order.number,
      status: order.status,
      statusBeforeHold: order.statusBeforeHold,
      steps: route.map(({ assignment, department }) => ({
        departmentId: department.id,
        departmentName: department.name,
        status: assignment.status,
      })),
    });
    if (impact.refusal !== null) throw new AppError('invalid_transition', impact.refusal);
    await refuseSecond(tx, order);
    const [change] = await tx
      .insert(orderChanges)
      .values({
        orderId: order.id,
        kind: 'cancel',
        state: 'draft',
        requestedBy: actor.userId,
        reason: asked.reason,
        baseVersion: order.version,
        createdAt: now,
      })
      .returning();
    if (!change) throw new Error('cancellation insert returned no row');
    if (!impact.approvers.length)
      return { order: await applyCancel(tx, now, order, change, actor.userId), outcome: 'cancelled' };
    return { order: await openForApproval(tx, now, order, change, impact.approvers), outcome: 'sent' };
  });
}
