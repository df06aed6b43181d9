import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/roles.ts';
import { escapeMrkdwn, mention } from '../../blocks/block-kit.ts';
import type { UseCaseContext } from '../../context.ts';
import { assignments, people } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { moveOrder } from '../../orders/move-order.ts';
import { refreshHomes } from '../../orders/order-homes.ts';
import type { OrderRow } from '../../orders/order-store.ts';
import { stepsTaken, stepsUnderWay } from '../../orders/status-sets.ts';
import { enqueue, textMessage } from '../../outbox/enqueue.ts';
import type { AssignmentRow } from '../../routing/allocation-store.ts';
import { possessive } from '../../wording.ts';
import { type Colleague, stepColleagues } from './step-colleagues.ts';
import { inStep, notNow, type StepRef } from './step-guard.ts';

/**
 * Work on a department's step that leaves the order where it is: progress, handing the step to
 * a colleague. Each bumps the order's version, so every card of the order
 * is redrawn and gets a line in its thread.
 */
export type StepUpdate = 'progress' | 'reassign';

const allowed: Record<StepUpdate, { statuses: readonly AssignmentRow['status'][]; what: string }> = {
  progress: { statuses: stepsTaken, what: 'record progress on' },
  reassign: { statuses: stepsUnderWay, what: 'reassign' },
};

/** What a step's modal shows. */
export interface StepSummary {
  orderNumber: string;
  departmentName: string;
  assigneeId: string | null;
  progress: number;
  note: string;
  /** Who Reassign may give the step to; loaded for Reassign only. */
  colleagues: Colleague[];
}

/**
 * Checks that `actor` may make `update` on the step the card showed, before its modal opens, so
 * a refusal or an outdated card is said at once rather than after typing.
 */
export function lookAtStep(
  ctx: UseCaseContext,
  actor: Actor,
  ref: StepRef,
  update: StepUpdate,
): Promise<StepSummary> {
  return inStep(ctx, actor, ref, async (tx, _now, { order, step, department }) => {
    requireStatus(step, order, update);
    const colleagues = update === 'reassign' ? await stepColleagues(tx, department.id, step.assigneeId) : [];
    if (update === 'reassign' && !colleagues.length) {
      throw new AppError(
        'invalid_input',
        `Nobody else in ${department.name} can take it over: everyone else is away, or it has no other members.`,
      );
    }
    return {
      colleagues,
      orderNumber: order.number,
      departmentName: department.name,
      assigneeId: step.assigneeId,
      progress: step.progress,
      note: step.note,
    };
  });
}

/** "40 % — frame welded": how far the department is, shown on every card of the order. */
export function recordProgress(
  ctx: UseCaseContext,
  actor: Actor,
  ref: StepRef & { percent: number; note: string },
): Promise<OrderRow> {
  return inStep(ctx, actor, ref, async (tx, now, { order, step, dept }) => {
    requireStatus(step, order, 'progress');
    await tx
      .update(assignments)
      .set({ progress: ref.percent, note: ref.note })
      .where(eq(assignments.id, step.id));
    const note = ref.note ? ` — ${escapeMrkdwn(ref.note)}` : '';
    const line = `${mention(actor.userId)}: ${dept} ${ref.percent} %${note}`;
    return moveOrder(tx, {
      now,
      order,
      expectedVersion: ref.expectedVersion,
      actor: actor.userId,
      line,
    });
  });
}

/**
 * Hands the step to a colleague in the same department who is not away. The step keeps its
 * state: an accepted or started step stays so, with someone else doing it. The new assignee is
 * told by DM.
 */
export function reassignStep(
  ctx: UseCaseContext,
  actor: Actor,
  ref: StepRef & { assigneeId: string },
): Promise<OrderRow> {
  return inStep(ctx, actor, ref, async (tx, now, { order, step, department, dept }) => {
    requireStatus(step, order, 'reassign');
    const who = mention(ref.assigneeId);
    const [person] = await tx.select().from(people).where(eq(people.slackUserId, ref.assigneeId));
    if (!person || person.departmentId !== department.id || !person.roles.includes('member')) {
      throw new AppError('invalid_input', `${who} is not in ${department.name}.`);
    }
    if (person.away) throw new AppError('invalid_input', `${who} is away.`);
    if (step.assigneeId === ref.assigneeId) throw new AppError('invalid_input', `${who} has it already.`);
    await tx.update(assignments).set({ assigneeId: ref.assigneeId }).where(eq(assignments.id, step.id));
    const moved = await moveOrder(tx, {
      now,
      order,
      expectedVersion: ref.expectedVersion,
      actor: actor.userId,
      line: `${mention(actor.userId)} gave ${possessive(dept)} part to ${who}`,
    });
    // The order no longer names the person it was taken from, so their Home is refreshed by name.
    if (step.assigneeId)
      await refreshHomes(tx, now, [step.assigneeId], `reassign:${step.id}:v${moved.version}`);
    if (ref.assigneeId !== actor.userId) {
      const where = department.channelId ? ` Its card is in <#${department.channelId}>.` : '';
      await enqueue(tx, now, [
        textMessage(
          `step:reassigned:${step.id}:${ref.assigneeId}:v${moved.version}`,
          ref.assigneeId,
          `:inbox_tray: ${mention(actor.userId)} gave you ${possessive(dept)} part of ${order.number}.${where}`,
        ),
      ]);
    }
    return moved;
  });
}

function requireStatus(step: AssignmentRow, order: OrderRow, update: StepUpdate): void {
  const rule = allowed[update];
  if (!rule.statuses.includes(step.status)) throw notNow(step, order, rule.what);
}
