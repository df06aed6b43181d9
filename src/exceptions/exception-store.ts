import { and, arrayContains, desc, eq, isNotNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { departments, exceptions, orders, people } from '../db/schema.ts';
import { withDepartment } from '../db/with-department.ts';
import { AppError } from '../errors.ts';

export type ExceptionRow = typeof exceptions.$inferSelect;

/** One escalation step as recorded on the exception: when, how far, and who was told. */
export interface EscalationStep {
  level: number;
  at: string;
  to: string[];
}

/** The order's problems that are not resolved yet: the ones that can still hold it or wait for rework. */
function unresolvedOnOrder(orderId: number) {
  return and(eq(exceptions.orderId, orderId), ne(exceptions.status, 'resolved'));
}

/** The exception, locked for the rest of the transaction: acknowledging, escalating and resolving queue behind each other. */
export async function lockException(tx: DbOrTx, id: number) {
  const [row] = await withDepartment(tx, 'exception', exceptions)
    .where(eq(exceptions.id, id))
    .for('update', { of: exceptions });
  if (!row) throw new AppError('not_found', 'That problem no longer exists.');
  return row;
}

/** The exception with its department and order, unlocked: for what a form shows. */
export async function findException(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ exception: exceptions, department: departments, order: orders })
    .from(exceptions)
    .innerJoin(departments, eq(departments.id, exceptions.departmentId))
    .innerJoin(orders, eq(orders.id, exceptions.orderId))
    .where(eq(exceptions.id, id));
  if (!row) throw new AppError('not_found', 'That problem no longer exists.');
  return row;
}

/** The order's problems, the newest first, with the department that owns each. */
export function exceptionsOf(db: DbOrTx, orderId: number) {
  return withDepartment(db, 'exception', exceptions)
    .where(eq(exceptions.orderId, orderId))
    .orderBy(desc(exceptions.id));
}

/** Whether the order has problems not resolved yet, besides `except`. */
export async function otherHoldingProblems(db: DbOrTx, orderId: number, except: number): Promise<boolean> {
  const rows = await db
    .select({ id: exceptions.id })
    .from(exceptions)
    .where(and(unresolvedOnOrder(orderId), eq(exceptions.holds, true), ne(exceptions.id, except)))
    .limit(1);
  return rows.length > 0;
}

export const escalationsOf = (row: ExceptionRow): EscalationStep[] =>
  Array.isArray(row.escalations) ? (row.escalations as EscalationStep[]) : [];

/** Everyone with the manager role. */
export async function managers(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ id: people.slackUserId })
    .from(people)
    .where(arrayContains(people.roles, ['manager']));
  return rows.map((r) => r.id);
}

/** The problem a QA Fail raised on this step that is not resolved yet, if any. */
export async function openFailureOf(db: DbOrTx, stepId: number): Promise<ExceptionRow | null> {
  const [row] = await db
    .select()
    .from(exceptions)
    .where(and(eq(exceptions.failedStepId, stepId), ne(exceptions.status, 'resolved')))
    .limit(1);
  return row ?? null;
}

/** The order's inspections that failed and wait for their rework (their problem is not resolved). */
export async function failedStepsOf(db: DbOrTx, orderId: number): Promise<Set<number>> {
  const rows = await db
    .select({ stepId: exceptions.failedStepId })
    .from(exceptions)
    .where(and(unresolvedOnOrder(orderId), isNotNull(exceptions.failedStepId)));
  return new Set(rows.flatMap((r) => (r.stepId === null ? [] : [r.stepId])));
}
