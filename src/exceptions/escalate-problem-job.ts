import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import { exceptions } from '../db/schema.ts';
import { moveOrder } from '../orders/move-order.ts';
import { systemActor } from '../orders/order-job.ts';
import { appendOrderEvent, findOrder } from '../orders/order-store.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import { defineJobKind } from '../scheduler/job-kind.ts';
import { escalationsOf, lockException, managers } from './exception-store.ts';
import { problemWords } from './problem-kinds.ts';
import { waitedWords } from './sla.ts';

/** The problem's escalation job: one per problem. */
export const escalationKey = (exceptionId: number) => `exception:${exceptionId}`;

/**
 * `exception.escalate`: a problem nobody acknowledged within its SLA goes to its department's
 * manager by DM, and at twice the SLA to every manager. Each step is recorded on the problem,
 * on the order's timeline and under its cards. One job per problem: it runs again for the second
 * step; acknowledging or resolving cancels it, and a run that finds the problem acknowledged
 * meanwhile does nothing. A step that fell due while the bot was down runs once at restart.
 */
export const escalateProblem = defineJobKind({
  kind: 'exception.escalate',
  payload: z.object({ exceptionId: z.int().positive() }),
  async handle(ctx, { exceptionId }, tx) {
    const [exists] = await tx
      .select({ id: exceptions.id })
      .from(exceptions)
      .where(eq(exceptions.id, exceptionId));
    if (!exists) return;
    const { exception, department } = await lockException(tx, exceptionId);
    if (exception.status !== 'open' || exception.escalationLevel >= 2) return;
    const level = exception.escalationLevel + 1;
    const everyManager = [
      ...new Set([...(department.managerId ? [department.managerId] : []), ...(await managers(tx))]),
    ];
    const to = level === 1 ? (department.managerId ? [department.managerId] : []) : everyManager;
    const order = await findOrder(tx, exception.orderId);
    const waited = waitedWords(exception.raisedAt, ctx.runAt);
    const what = problemWords(exception);
    const where = department.channelId ? ` Its card is in <#${department.channelId}>.` : '';
    await enqueue(
      tx,
      ctx.now,
      to.map((userId) =>
        textMessage(
          `exception:escalate:${exception.id}:L${level}:${userId}`,
          userId,
          `:rotating_light: Nobody in ${escapeMrkdwn(department.name)} has acknowledged a ${what} on *${order.number}* for ${waited}: ${escapeMrkdwn(exception.description)}.${where}`,
        ),
      ),
    );
    await tx
      .update(exceptions)
      .set({
        escalationLevel: level,
        escalations: [...escalationsOf(exception), { level, at: ctx.now.toISOString(), to }],
      })
      .where(eq(exceptions.id, exception.id));
    await appendOrderEvent(tx, order.id, systemActor, ctx.now, {
      type: 'problem_escalated',
      data: { exceptionId: exception.id, level, to },
    });
    const told = to.length
      ? to.map(mention).join(', ')
      : `nobody: ${escapeMrkdwn(department.name)} has no manager set`;
    await moveOrder(tx, {
      now: ctx.now,
      order,
      expectedVersion: order.version,
      actor: systemActor,
      line: `:rotating_light: ${what} not acknowledged for ${waited} → ${level === 1 ? 'manager' : 'all managers'} told: ${told}`,
    });
    return level === 1 ? { rescheduleAt: exception.allManagersAt } : undefined;
  },
});
