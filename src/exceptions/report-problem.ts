import { and, asc, eq } from 'drizzle-orm';
import { type Actor, requireDepartment } from '../auth/roles.ts';
import { calendarDate } from '../calendar.ts';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { assignments, departments, orders } from '../db/schema.ts';
import { withDepartment } from '../db/with-department.ts';
import { AppError, staleOrderMessage } from '../errors.ts';
import { findOrder, type OrderRow } from '../orders/order-store.ts';
import { stepUnderWay } from '../orders/status-sets.ts';
import type { ProblemFormSubject, ProblemInput } from './problem-form.ts';
import { raiseProblem } from './raise-problem.ts';

export const reportWhat = 'report problems';

/**
 * Report problem on a department's card: only the department's members, its manager and
 * admins, on the card's own version of the order; the department is preselected.
 */
export async function problemFormFromStep(
  ctx: UseCaseContext,
  actor: Actor,
  ref: { assignmentId: number; expectedVersion: number },
): Promise<ProblemFormSubject> {
  const [row] = await withDepartment(ctx.db, 'step', assignments).where(eq(assignments.id, ref.assignmentId));
  if (!row) throw new AppError('not_found', 'That step no longer exists.');
  if (row.department.managerId !== actor.userId)
    requireDepartment(actor, row.department.id, row.department.name, 'work on its orders');
  const order = await findOrder(ctx.db, row.step.orderId);
  if (order.version !== ref.expectedVersion) throw new AppError('stale', staleOrderMessage);
  return subject(ctx.db, order, row.department.id);
}

/** `/order problem SO-…`: the department whose step is under way is preselected. */
export async function problemFormForOrder(ctx: UseCaseContext, number: string): Promise<ProblemFormSubject> {
  const [order] = await ctx.db.select().from(orders).where(eq(orders.number, number));
  if (!order) throw new AppError('not_found', `There is no order ${number}.`);
  const [current] = await ctx.db
    .select({ departmentId: assignments.departmentId })
    .from(assignments)
    .where(and(eq(assignments.orderId, order.id), stepUnderWay))
    .orderBy(asc(assignments.step))
    .limit(1);
  return subject(ctx.db, order, current?.departmentId ?? null);
}

async function subject(
  db: DbOrTx,
  order: OrderRow,
  departmentId: number | null,
): Promise<ProblemFormSubject> {
  const all = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .orderBy(asc(departments.name));
  return { orderNumber: order.number, ref: `${order.id}:${order.version}`, departments: all, departmentId };
}

/**
 * The submitted form: raised once per form (Slack's retry or a second click finds it raised),
 * against the order as the form showed it.
 */
export async function reportProblem(
  ctx: UseCaseContext,
  actor: Actor,
  ref: { orderId: number; expectedVersion: number },
  input: ProblemInput,
  raiseKey: string,
): Promise<void> {
  const policy = ctx.problems;
  if (!policy) throw new Error('problems are not configured');
  const now = ctx.clock.now();
  if (input.expectedDate && input.expectedDate < calendarDate(now, ctx.timeZone))
    throw new AppError('invalid_input', `${input.expectedDate} is in the past.`);
  await ctx.db.transaction(async (tx) => {
    const order = await findOrder(tx, ref.orderId);
    await raiseProblem(tx, now, policy, order, ref.expectedVersion, actor.userId, raiseKey, input);
  });
}
