import { eq } from 'drizzle-orm';
import { type Actor, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import { departments } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { refreshHomes } from '../orders/order-homes.ts';
import type { DepartmentInput, DepartmentTarget } from './department-form.ts';
import type { DepartmentRow } from './settings-queries.ts';

/** What a save changed, for the audit log. */
export interface DepartmentChange {
  before: DepartmentRow | null;
  after: DepartmentRow;
}

/** An admin adds a department, or changes one; its key never changes. */
export async function saveDepartment(
  ctx: UseCaseContext,
  actor: Actor,
  to: DepartmentTarget,
  input: DepartmentInput,
): Promise<DepartmentChange> {
  requireRole(actor, ['admin'], 'set up departments');
  const { key, ...values } = input;
  return ctx.db.transaction(async (tx) => {
    if (to.mode === 'add') {
      // Two admins adding the same key at once: the unique key decides, and the loser is told.
      const [added] = await tx
        .insert(departments)
        .values({ key, ...values })
        .onConflictDoNothing({ target: departments.key })
        .returning();
      if (!added) {
        throw new AppError(
          'conflict',
          `There is already a department "${key}": pick another key, or edit that one.`,
        );
      }
      return { before: null, after: added };
    }
    const [before] = await tx.select().from(departments).where(eq(departments.key, to.key)).for('update');
    if (!before) throw new AppError('not_found', `The department "${to.key}" no longer exists.`);
    const [after] = await tx.update(departments).set(values).where(eq(departments.id, before.id)).returning();
    if (!after) throw new AppError('not_found', `The department "${to.key}" no longer exists.`);
    // A new manager sees the department's waiting work on their Home; the old one no longer does.
    if (before.managerId !== after.managerId) {
      const managers = [before.managerId, after.managerId].filter((m): m is string => !!m);
      await refreshHomes(
        tx,
        ctx.clock.now(),
        managers,
        `department:${after.id}:${ctx.clock.now().getTime()}`,
      );
    }
    return { before, after };
  });
}
