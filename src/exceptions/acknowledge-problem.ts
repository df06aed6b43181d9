import { eq } from 'drizzle-orm';
import { type Actor, requireDepartment } from '../auth/roles.ts';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import type { UseCaseContext } from '../context.ts';
import { exceptions } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { moveOrder } from '../orders/move-order.ts';
import { appendOrderEvent, findOrder } from '../orders/order-store.ts';
import { cancel } from '../scheduler/schedule-jobs.ts';
import { escalateProblem, escalationKey } from './escalate-problem-job.ts';
import { type ExceptionRow, lockException } from './exception-store.ts';
import { problemWords } from './problem-kinds.ts';

export const acknowledgeWhat = 'acknowledge its problems';

/**
 * "We are on it": a member of the owning department (its manager, a manager or an admin)
 * acknowledges the problem, which stops its escalation. Pressed twice, or after a colleague
 * did, it says who did.
 */
export function acknowledgeProblem(
  ctx: UseCaseContext,
  actor: Actor,
  exceptionId: number,
): Promise<ExceptionRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { exception, department } = await lockException(tx, exceptionId);
    if (department.managerId !== actor.userId)
      requireDepartment(actor, department.id, department.name, acknowledgeWhat);
    if (exception.status !== 'open') throw alreadyHandled(exception);
    const [done] = await tx
      .update(exceptions)
      .set({ status: 'acknowledged', acknowledgedBy: actor.userId, acknowledgedAt: now })
      .where(eq(exceptions.id, exception.id))
      .returning();
    await cancel(tx, escalateProblem.kind, escalationKey(exception.id), now);
    const order = await findOrder(tx, exception.orderId);
    await appendOrderEvent(tx, order.id, actor.userId, now, {
      type: 'problem_acknowledged',
      data: { exceptionId: exception.id },
    });
    const what = problemWords(exception);
    await moveOrder(tx, {
      now,
      order,
      expectedVersion: order.version,
      actor: actor.userId,
      line: `:eyes: ${mention(actor.userId)} acknowledged the ${what} for ${escapeMrkdwn(department.name)}`,
    });
    return done ?? exception;
  });
}

/** A problem someone acknowledged or resolved already: who, so nobody does it twice. */
export function alreadyHandled(exception: ExceptionRow): AppError {
  return exception.status === 'resolved'
    ? new AppError('conflict', `This problem was already resolved by ${mention(exception.resolvedBy ?? '')}.`)
    : new AppError(
        'conflict',
        `${mention(exception.acknowledgedBy ?? '')} already acknowledged this problem.`,
      );
}
