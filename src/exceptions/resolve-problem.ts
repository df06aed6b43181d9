import { and, eq } from 'drizzle-orm';
import { type Actor, hasRole, requireDepartment } from '../auth/roles.ts';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import { calendarDate } from '../calendar.ts';
import type { UseCaseContext } from '../context.ts';
import { offerCustomerMessage } from '../customer-messages/offer-customer-message.ts';
import type { DbOrTx } from '../db/client.ts';
import { assignments, exceptions } from '../db/schema.ts';
import { withDepartment } from '../db/with-department.ts';
import { moveOrder, type Step } from '../orders/move-order.ts';
import { appendOrderEvent, findOrder, type OrderRow, updateOrderAtVersion } from '../orders/order-store.ts';
import { stepToDo } from '../orders/status-sets.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import { earliestFit } from '../routing/capacity.ts';
import { departmentLoad } from '../routing/capacity-store.ts';
import { cancel } from '../scheduler/schedule-jobs.ts';
import { alreadyHandled } from './acknowledge-problem.ts';
import { escalateProblem, escalationKey } from './escalate-problem-job.ts';
import { lockException, otherHoldingProblems } from './exception-store.ts';
import { problemWords } from './problem-kinds.ts';

export interface Resolution {
  exceptionId: number;
  /** The order version the person saw when they opened the form. */
  expectedVersion: number;
  rootCause: string;
  actionTaken: string;
  newDeliveryDate: string | null;
}

/**
 * Resolves a problem with its plan: the hold it put on the order is released (unless another
 * unresolved problem holds it too), the order's delivery date moves through the order's version
 * check, every department still to work on it is checked against its capacity for the new date,
 * and the order's owner is told. Resolving twice says who resolved it.
 */
export function resolveProblem(ctx: UseCaseContext, actor: Actor, r: Resolution): Promise<OrderRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { exception, department } = await lockException(tx, r.exceptionId);
    let order = await findOrder(tx, exception.orderId);
    if (
      department.managerId !== actor.userId &&
      order.ownerId !== actor.userId &&
      !hasRole(actor, ['manager'])
    )
      requireDepartment(actor, department.id, department.name, 'resolve its problems');
    if (exception.status === 'resolved') throw alreadyHandled(exception);
    await tx
      .update(exceptions)
      .set({
        status: 'resolved',
        resolvedBy: actor.userId,
        resolvedAt: now,
        rootCause: r.rootCause,
        actionTaken: r.actionTaken,
        newDeliveryDate: r.newDeliveryDate,
        acknowledgedBy: exception.acknowledgedBy ?? actor.userId,
        acknowledgedAt: exception.acknowledgedAt ?? now,
      })
      .where(eq(exceptions.id, exception.id));
    await cancel(tx, escalateProblem.kind, escalationKey(exception.id), now);
    let version = r.expectedVersion;
    const risks: string[] = [];
    if (r.newDeliveryDate && r.newDeliveryDate !== order.deliveryDate) {
      order = await updateOrderAtVersion(tx, order.id, r.expectedVersion, now, {
        deliveryDate: r.newDeliveryDate,
      });
      version = order.version;
      risks.push(...(await moveStepsTo(tx, order.id, r.newDeliveryDate, calendarDate(now, ctx.timeZone))));
    }
    await appendOrderEvent(tx, order.id, actor.userId, now, {
      type: 'problem_resolved',
      data: {
        exceptionId: exception.id,
        rootCause: r.rootCause,
        actionTaken: r.actionTaken,
        ...(r.newDeliveryDate ? { newDeliveryDate: r.newDeliveryDate } : {}),
      },
    });
    const releases =
      exception.holds &&
      order.status === 'on_hold' &&
      order.holdKind === 'exception' &&
      !(await otherHoldingProblems(tx, order.id, exception.id));
    const steps: Step[] = releases ? [{ action: 'release', reason: 'problem resolved' }] : [];
    const what = problemWords(exception);
    const date = r.newDeliveryDate ? ` · new delivery date *${r.newDeliveryDate}*` : '';
    const line = `:white_check_mark: ${mention(actor.userId)} resolved the ${what}: ${escapeMrkdwn(r.rootCause)} — ${escapeMrkdwn(r.actionTaken)}${date}${releases ? ' → hold released' : ''}`;
    const moved = await moveOrder(tx, {
      now,
      order,
      expectedVersion: version,
      steps,
      actor: actor.userId,
      line,
    });
    if (order.ownerId !== actor.userId || risks.length) {
      const risk = risks.length ? `\n:warning: ${risks.join('\n:warning: ')}` : '';
      await enqueue(tx, now, [
        textMessage(
          `exception:resolved:${exception.id}`,
          order.ownerId,
          `:white_check_mark: The ${what} on *${order.number}* is resolved by ${mention(actor.userId)}: ${escapeMrkdwn(r.rootCause)} — ${escapeMrkdwn(r.actionTaken)}${date}${releases ? '. The hold is released.' : '.'}${risk}`,
        ),
      ]);
    }
    await offerCustomerMessage(tx, now, {
      orderId: order.id,
      reason: 'exception_resolved',
      key: `exception_resolved:${exception.id}`,
      what: r.rootCause,
      action: r.actionTaken,
      newDate: r.newDeliveryDate,
    });
    return moved;
  });
}

/** The owning department's members, its manager, managers, admins, and the order's owner resolve. */
export function requireMayResolve(
  actor: Actor,
  department: { id: number; name: string; managerId: string | null },
  order: { ownerId: string },
): void {
  if (department.managerId === actor.userId || order.ownerId === actor.userId || hasRole(actor, ['manager']))
    return;
  requireDepartment(actor, department.id, department.name, 'resolve its problems');
}

/**
 * The order's work still to do now falls due on `dueOn`: each step's department is asked again
 * whether it fits its capacity, and a step that does not is flagged with its earliest date.
 */
async function moveStepsTo(tx: DbOrTx, orderId: number, dueOn: string, today: string): Promise<string[]> {
  const steps = await withDepartment(tx, 'step', assignments).where(
    and(eq(assignments.orderId, orderId), stepToDo),
  );
  const risks: string[] = [];
  for (const { step, department } of steps) {
    await tx.update(assignments).set({ dueOn, fitsOn: null }).where(eq(assignments.id, step.id));
    if (department.dailyCapacity <= 0) continue;
    const own = (department.capacityUnit === 'units' ? step.units : 1) * ((100 - step.progress) / 100);
    // The department's load counts this step at its new date already; it is asked for on its own.
    const load = (await departmentLoad(tx, department.id, department.capacityUnit)).map((l) =>
      l.dueOn === dueOn ? { ...l, amount: Math.max(0, l.amount - own) } : l,
    );
    const fitsOn = earliestFit({ today, dueOn, amount: own, dailyCapacity: department.dailyCapacity, load });
    if (!fitsOn) continue;
    await tx.update(assignments).set({ fitsOn }).where(eq(assignments.id, step.id));
    risks.push(`${escapeMrkdwn(department.name)} cannot finish it by ${dueOn}: the earliest is ${fitsOn}.`);
  }
  return risks;
}
