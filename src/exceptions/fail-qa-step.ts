import { eq } from 'drizzle-orm';
import { inspectionDepartmentKey } from '../allocation/route-view.ts';
import { inStep, notNow, type StepRef } from '../allocation/steps/step-guard.ts';
import type { Actor } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import { exceptions } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { OrderRow } from '../orders/order-store.ts';
import { type AssignmentRow, type DepartmentRow, routeOf } from '../routing/allocation-store.ts';
import type { Severity } from './problem-kinds.ts';
import { qaFailureOwner } from './qa-failure-owner.ts';
import { raiseProblem } from './raise-problem.ts';

export interface QaFailure {
  what: string;
  severity: Severity;
  description: string;
}

/**
 * Checks Fail… before its form opens: someone outside QA, a step that is not an inspection under
 * way, or an outdated card is told at once rather than after typing.
 */
export function checkQaFailure(
  ctx: UseCaseContext,
  actor: Actor,
  ref: StepRef,
): Promise<{ orderNumber: string }> {
  return inStep(ctx, actor, ref, async (_tx, _now, { order, step, department }) => {
    requireFailable(order, step, department);
    return { orderNumber: order.number };
  });
}

function requireFailable(order: OrderRow, step: AssignmentRow, department: DepartmentRow): void {
  if (department.key !== inspectionDepartmentKey)
    throw new AppError('invalid_transition', 'Only an inspection (a QA step) can fail.');
  if (step.status !== 'accepted' && step.status !== 'started') throw notNow(step, order, 'fail');
}

/**
 * QA's Fail: a quality problem is raised through the same use case as Report problem, owned by
 * the department that made the goods, and linked to the inspection. The QA step stays open
 * rather than being marked failed: the inspector who found the fault inspects the rework and
 * passes it with the same Done, the card keeps showing who has it, and its capacity stays
 * counted; only its Done is refused until the problem is resolved (work-on-step.ts). The same
 * submission delivered twice raises one problem.
 */
export async function failQaStep(
  ctx: UseCaseContext,
  actor: Actor,
  ref: StepRef,
  failure: QaFailure,
  raiseKey: string,
): Promise<void> {
  const policy = ctx.problems;
  if (!policy) throw new Error('problems are not configured');
  // Raised already by this person (Slack's retry after the order moved on): nothing to do, and no
  // stale refusal. Anyone else sending the same form goes through every check.
  const [earlier] = await ctx.db
    .select({ raisedBy: exceptions.raisedBy })
    .from(exceptions)
    .where(eq(exceptions.raiseKey, raiseKey));
  if (earlier?.raisedBy === actor.userId) return;
  await inStep(ctx, actor, ref, async (tx, now, { order, step, department }) => {
    requireFailable(order, step, department);
    const route = await routeOf(tx, order.id);
    const owner = qaFailureOwner(
      route.map(({ assignment, department: d }) => ({
        step: assignment.step,
        departmentId: d.id,
        departmentKey: d.key,
      })),
      step.step,
    );
    await raiseProblem(tx, now, policy, order, ref.expectedVersion, actor.userId, raiseKey, {
      type: 'quality_problem',
      severity: failure.severity,
      description: `QA failed: ${failure.what} — ${failure.description}`,
      expectedDate: null,
      departmentId: owner ?? department.id,
      failedStepId: step.id,
    });
  });
}
