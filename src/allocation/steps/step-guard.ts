import { eq } from 'drizzle-orm';
import { stepWork } from '../../auth/permissions.ts';
import { type Actor, requireDepartment } from '../../auth/roles.ts';
import { escapeMrkdwn } from '../../blocks/block-kit.ts';
import type { UseCaseContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assignments } from '../../db/schema.ts';
import { withDepartment } from '../../db/with-department.ts';
import { AppError, staleOrderMessage } from '../../errors.ts';
import { redrawOrderCards } from '../../orders/order-cards.ts';
import { findOrder, type OrderRow } from '../../orders/order-store.ts';
import type { AssignmentRow, DepartmentRow } from '../../routing/allocation-store.ts';

export interface StepRef {
  assignmentId: number;
  /** The order version the card showed. */
  expectedVersion: number;
}

export interface StepContext {
  order: OrderRow;
  step: AssignmentRow;
  department: DepartmentRow;
  /** The department's name, escaped for mrkdwn. */
  dept: string;
  departmentKey: string;
}

/**
 * The common part of every button on a department card: one transaction; only the
 * department's members, its manager and admins may act; a cancelled order and a card older
 * than the order are refused, and the order's cards are drawn again so the clicker sees why.
 */
export async function inStep<T>(
  ctx: UseCaseContext,
  actor: Actor,
  ref: StepRef,
  act: (tx: DbOrTx, now: Date, c: StepContext) => Promise<T>,
): Promise<T> {
  const now = ctx.clock.now();
  const seen: { order?: OrderRow } = {};
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await withDepartment(tx, 'step', assignments).where(eq(assignments.id, ref.assignmentId));
      if (!row) throw new AppError('not_found', 'That step no longer exists.');
      const { step, department } = row;
      if (department.managerId !== actor.userId) {
        requireDepartment(actor, department.id, department.name, stepWork.what);
      }
      const order = await findOrder(tx, step.orderId);
      seen.order = order;
      if (order.status === 'cancelled')
        throw new AppError('invalid_transition', `${order.number} was cancelled.`);
      if (order.version !== ref.expectedVersion) throw new AppError('stale', staleOrderMessage);
      return act(tx, now, {
        order,
        step,
        department,
        dept: escapeMrkdwn(department.name),
        departmentKey: department.key,
      });
    });
  } catch (error) {
    const { order } = seen;
    if (order && error instanceof AppError && error.code === 'stale') {
      await ctx.db.transaction((tx) => redrawOrderCards(tx, now, order));
    }
    throw error;
  }
}

/** A move the step's state does not allow, e.g. starting a step that is done. */
export function notNow(step: AssignmentRow, order: OrderRow, what: string): AppError {
  return new AppError(
    'invalid_transition',
    `${order.number}: this step is ${step.status}, so you can't ${what} it.`,
  );
}
