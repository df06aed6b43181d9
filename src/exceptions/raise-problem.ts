import { eq } from 'drizzle-orm';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import type { ProblemPolicy } from '../context.ts';
import { offerCustomerMessage } from '../customer-messages/offer-customer-message.ts';
import type { DbOrTx } from '../db/client.ts';
import { departments, exceptions } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { moveOrder, type Step } from '../orders/move-order.ts';
import { showOrderCard } from '../orders/order-cards.ts';
import { appendOrderEvent, type OrderRow } from '../orders/order-store.ts';
import { schedule } from '../scheduler/schedule-jobs.ts';
import { deskChannel } from '../setup/desk-calendar-store.ts';
import { escalateProblem, escalationKey } from './escalate-problem-job.ts';
import type { ExceptionRow } from './exception-store.ts';
import { describeProblemType, type ProblemType, problemWords, type Severity } from './problem-kinds.ts';
import { slaDueAt } from './sla.ts';

export interface ProblemReport {
  type: ProblemType;
  severity: Severity;
  description: string;
  expectedDate: string | null;
  departmentId: number;
  /** The QA step whose Fail raised it, which cannot pass while the problem is open. */
  failedStepId?: number;
}

/** States in which a problem can still be raised: work is ahead, or the goods are on their way. */
const raisable = ['received', 'confirmed', 'allocated', 'in_production', 'ready', 'on_hold', 'shipped'];
/** States a hold can be put on from (order-states.ts). */
const holdable = ['received', 'confirmed', 'allocated', 'in_production', 'ready'];

/**
 * Raises a problem on an order, in the caller's transaction: the exception is stored (once per
 * `raiseKey`, so a submission delivered twice raises one), its card goes to the exceptions
 * channel and the owning department's channel, every card of the order gets a thread line and
 * "open problem", a severity the policy names puts the order on hold with the problem as its
 * reason, and the escalation is scheduled for the SLA.
 */
export async function raiseProblem(
  tx: DbOrTx,
  now: Date,
  policy: ProblemPolicy,
  order: OrderRow,
  expectedVersion: number,
  actor: string,
  raiseKey: string,
  report: ProblemReport,
): Promise<{ exception: ExceptionRow; order: OrderRow; repeated: boolean }> {
  const [earlier] = await tx.select().from(exceptions).where(eq(exceptions.raiseKey, raiseKey));
  if (earlier) return { exception: earlier, order, repeated: true };
  if (!raisable.includes(order.status)) {
    throw new AppError(
      'invalid_transition',
      `${order.number} is ${order.status.replace('_', ' ')}: there is no work left to report a problem on.`,
    );
  }
  const [department] = await tx.select().from(departments).where(eq(departments.id, report.departmentId));
  if (!department) throw new AppError('not_found', 'That department no longer exists.');
  const holds = policy.holdSeverities.includes(report.severity) && holdable.includes(order.status);
  const [exception] = await tx
    .insert(exceptions)
    .values({
      orderId: order.id,
      raiseKey,
      type: report.type,
      severity: report.severity,
      description: report.description,
      expectedDate: report.expectedDate,
      departmentId: department.id,
      failedStepId: report.failedStepId ?? null,
      holds,
      slaDueAt: slaDueAt(policy.sla, policy.calendar, report.severity, now),
      allManagersAt: slaDueAt(policy.sla, policy.calendar, report.severity, now, 2),
      raisedBy: actor,
      raisedAt: now,
    })
    .onConflictDoNothing({ target: exceptions.raiseKey })
    .returning();
  if (!exception) {
    // The same submission, delivered twice at once: the other delivery raised it.
    const [raced] = await tx.select().from(exceptions).where(eq(exceptions.raiseKey, raiseKey));
    if (!raced) throw new Error('problem neither inserted nor found');
    return { exception: raced, order, repeated: true };
  }
  const what = problemWords(report);
  await appendOrderEvent(tx, order.id, actor, now, {
    type: 'problem_reported',
    data: {
      department: department.key,
      departmentName: department.name,
      note: report.description,
      exceptionId: exception.id,
      problemType: report.type,
      severity: report.severity,
      ...(report.expectedDate ? { expectedDate: report.expectedDate } : {}),
    },
  });
  const steps: Step[] = holds
    ? [{ action: 'hold', hold: { kind: 'exception', reason: `${what}: ${report.description}` } }]
    : [];
  const line = `:warning: ${mention(actor)} reported a ${what} in ${escapeMrkdwn(department.name)}: ${escapeMrkdwn(report.description)}${holds ? ' → *on hold*' : ''}`;
  const moved = await moveOrder(tx, { now, order, expectedVersion, steps, actor, line });
  const channels = [await deskChannel(tx, 'exceptions'), department.channelId].filter((c): c is string =>
    Boolean(c),
  );
  for (const channel of new Set(channels)) await showOrderCard(tx, now, moved, channel, 'exception');
  await schedule(
    tx,
    escalateProblem,
    escalationKey(exception.id),
    exception.slaDueAt,
    { exceptionId: exception.id },
    { now },
  );
  await offerCustomerMessage(tx, now, {
    orderId: order.id,
    reason: 'exception_raised',
    key: `exception_raised:${exception.id}`,
    what: `${describeProblemType(report.type)}: ${report.description}`,
    newDate: report.expectedDate ?? null,
  });
  return { exception, order: moved, repeated: false };
}
