import { and, asc, eq, gt } from 'drizzle-orm';
import type { Actor } from '../../auth/roles.ts';
import { escapeMrkdwn, mention } from '../../blocks/block-kit.ts';
import type { UseCaseContext } from '../../context.ts';
import { offerCustomerMessage } from '../../customer-messages/offer-customer-message.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assignments, shipments } from '../../db/schema.ts';
import { withDepartment } from '../../db/with-department.ts';
import { AppError } from '../../errors.ts';
import { openFailureOf } from '../../exceptions/exception-store.ts';
import { problemWords } from '../../exceptions/problem-kinds.ts';
import { scheduleAfterDelivery } from '../../followup/schedule-after-delivery.ts';
import { moveOrder } from '../../orders/move-order.ts';
import type { OrderRow } from '../../orders/order-store.ts';
import type { AssignmentRow } from '../../routing/allocation-store.ts';
import { openStep } from '../../routing/open-step.ts';
import { possessive } from '../../wording.ts';
import { inStep, notNow, type StepContext, type StepRef } from './step-guard.ts';
import { movesOnDone, movesOnStart } from './step-moves.ts';

export interface ShipmentDetails {
  carrier: string;
  trackingNumber: string;
  expectedDate: string;
}

/** "I'll take it": the step becomes the actor's. Of two people pressing at once, one wins. */
export function acceptStep(ctx: UseCaseContext, actor: Actor, ref: StepRef): Promise<OrderRow> {
  return onStep(ctx, actor, ref, async (tx, now, { order, step, dept }) => {
    if (step.status !== 'open') throw alreadyTaken(step, order);
    await tx
      .update(assignments)
      .set({ status: 'accepted', assigneeId: actor.userId, acceptedAt: now })
      .where(eq(assignments.id, step.id));
    return moveOrder(tx, {
      now,
      order,
      expectedVersion: ref.expectedVersion,
      actor: actor.userId,
      line: `${mention(actor.userId)} took it for ${dept}`,
    });
  });
}

/** Work begins; production's first start puts the order in production. */
export function startStep(ctx: UseCaseContext, actor: Actor, ref: StepRef): Promise<OrderRow> {
  return onStep(ctx, actor, ref, async (tx, now, { order, step, dept, departmentKey }) => {
    if (step.status !== 'open' && step.status !== 'accepted') throw notNow(step, order, 'start');
    await tx
      .update(assignments)
      .set({
        status: 'started',
        assigneeId: step.assigneeId ?? actor.userId,
        startedAt: now,
        acceptedAt: step.acceptedAt ?? now,
      })
      .where(eq(assignments.id, step.id));
    return moveOrder(tx, {
      now,
      order,
      expectedVersion: ref.expectedVersion,
      steps: movesOnStart(order.status, departmentKey),
      actor: actor.userId,
      line: `${mention(actor.userId)} started ${possessive(dept)} part`,
    });
  });
}

/**
 * The department's part is done: the order goes to the next department on its route, and may
 * become ready or, for logistics, shipped with the tracking (see step-moves.ts).
 */
export function finishStep(
  ctx: UseCaseContext,
  actor: Actor,
  ref: StepRef & { shipment?: ShipmentDetails },
): Promise<OrderRow> {
  return onStep(ctx, actor, ref, async (tx, now, { order, step, dept, departmentKey }) => {
    await requireFinishable(tx, step, order);
    const later = await withDepartment(tx, 'assignment', assignments)
      .where(and(eq(assignments.orderId, order.id), gt(assignments.step, step.step)))
      .orderBy(asc(assignments.step));
    const next = later[0];
    const shipping = departmentKey === 'logistics';
    if (shipping && !ref.shipment)
      throw new AppError('invalid_input', 'Say the carrier, tracking number and expected delivery date.');
    await tx
      .update(assignments)
      .set({ status: 'done', progress: 100, doneAt: now, assigneeId: step.assigneeId ?? actor.userId })
      .where(eq(assignments.id, step.id));
    const steps = movesOnDone(
      order.status,
      departmentKey,
      later.map((l) => l.department.key),
    );
    if (shipping && ref.shipment) {
      await tx.insert(shipments).values({ orderId: order.id, ...ref.shipment, shippedAt: now });
    }
    const line = shipping
      ? `${mention(actor.userId)} shipped it: ${escapeMrkdwn(ref.shipment?.carrier ?? '')} ${escapeMrkdwn(ref.shipment?.trackingNumber ?? '')}, expected ${ref.shipment?.expectedDate}`
      : `${mention(actor.userId)} finished ${possessive(dept)} part${next ? ` → ${escapeMrkdwn(next.department.name)}` : ''}`;
    const moved = await moveOrder(tx, {
      now,
      order,
      expectedVersion: ref.expectedVersion,
      steps,
      actor: actor.userId,
      line,
    });
    if (next && !shipping) await openStep(tx, now, moved, next.assignment, next.department, ctx.admins ?? []);
    return moved;
  });
}

/**
 * Checks that `actor` may finish the step the card showed, before the shipping form opens, so
 * someone outside the department, or an outdated card, is told at once rather than after typing.
 */
export async function checkFinish(ctx: UseCaseContext, actor: Actor, ref: StepRef): Promise<void> {
  await inStep(ctx, actor, ref, async (tx, _now, { order, step }) => requireFinishable(tx, step, order));
}

/** A step under way may finish, unless its inspection failed and the problem is still open. */
async function requireFinishable(tx: DbOrTx, step: AssignmentRow, order: OrderRow): Promise<void> {
  if (step.status !== 'started' && step.status !== 'accepted') throw notNow(step, order, 'finish');
  const failure = await openFailureOf(tx, step.id);
  if (failure)
    throw new AppError(
      'invalid_transition',
      `${order.number} failed this inspection and the ${problemWords(failure)} is not resolved yet. ` +
        'Once it is resolved, inspect the rework and press Done again.',
    );
}

/**
 * The customer has it: the order is delivered on the business date given, the owner's
 * follow-up and the completion without feedback are scheduled, and the owner is offered a
 * message for the customer (with the products' guides).
 */
export function markDelivered(
  ctx: UseCaseContext,
  actor: Actor,
  ref: StepRef & { deliveredOn: string },
): Promise<OrderRow> {
  return onStep(ctx, actor, ref, async (tx, now, { order }) => {
    if (order.status !== 'shipped')
      throw new AppError('invalid_transition', `${order.number} is not on its way.`);
    await tx.update(shipments).set({ deliveredOn: ref.deliveredOn }).where(eq(shipments.orderId, order.id));
    const delivered = await moveOrder(tx, {
      now,
      order,
      expectedVersion: ref.expectedVersion,
      steps: [{ action: 'deliver' }],
      actor: actor.userId,
      line: `${mention(actor.userId)} → *delivered* on ${ref.deliveredOn}`,
    });
    if (ctx.afterDelivery) await scheduleAfterDelivery(tx, ctx.afterDelivery, now, order.id);
    await offerCustomerMessage(tx, now, {
      orderId: order.id,
      reason: 'delivered',
      key: `delivered:${order.id}`,
    });
    return delivered;
  });
}

/**
 * The buttons that take the step on (Accept, Start, Done, Delivered): when two people press at
 * once and the other one won, the loser is told who has it.
 */
async function onStep(
  ctx: UseCaseContext,
  actor: Actor,
  ref: StepRef,
  act: (tx: DbOrTx, now: Date, c: StepContext) => Promise<OrderRow>,
): Promise<OrderRow> {
  try {
    return await inStep(ctx, actor, ref, act);
  } catch (error) {
    if (error instanceof AppError && error.code === 'stale') {
      const [step] = await ctx.db.select().from(assignments).where(eq(assignments.id, ref.assignmentId));
      if (step?.assigneeId && step.assigneeId !== actor.userId && step.status !== 'open') {
        throw new AppError('conflict', `<@${step.assigneeId}> already took it.`);
      }
    }
    throw error;
  }
}

function alreadyTaken(step: AssignmentRow, order: OrderRow): AppError {
  return step.assigneeId && step.status !== 'pending'
    ? new AppError('conflict', `<@${step.assigneeId}> already took it.`)
    : new AppError('invalid_transition', `${order.number}: this step is not open.`);
}
