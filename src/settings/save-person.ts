import { arrayContains, eq } from 'drizzle-orm';
import { type Actor, type Role, requireRole, roles } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import { people } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { refreshHomes } from '../orders/order-homes.ts';
import { findDepartment } from '../routing/allocation-store.ts';
import type { PersonInput } from './person-form.ts';
import type { PersonRow } from './settings-queries.ts';

export interface PersonChange {
  before: PersonRow | null;
  after: PersonRow;
}

export const lastAdminMessage =
  'You are the only admin on record: make someone else an admin first, so orderdesk is never left without one.';

/**
 * An admin sets a person's roles, department and away flag. `name` is what Slack calls them,
 * kept only when orderdesk has no name for them yet.
 */
export async function savePerson(
  ctx: UseCaseContext,
  actor: Actor,
  who: { userId: string; name: string },
  input: PersonInput,
): Promise<PersonChange> {
  requireRole(actor, ['admin'], 'set up people');
  const now = ctx.clock.now();
  const nextRoles: Role[] = roles.filter((r) => input.roles.includes(r));
  return ctx.db.transaction(async (tx) => {
    let departmentId: number | null = null;
    if (input.department) {
      const dept = await findDepartment(tx, input.department);
      if (!dept) throw new AppError('not_found', `The department "${input.department}" no longer exists.`);
      departmentId = dept.id;
    }
    // Locked so two admins taking away their own admin role at once cannot both succeed.
    const admins = await tx
      .select({ slackUserId: people.slackUserId })
      .from(people)
      .where(arrayContains(people.roles, ['admin']))
      .for('update');
    const [before] = await tx.select().from(people).where(eq(people.slackUserId, who.userId));
    const dropsOwnAdmin =
      who.userId === actor.userId && !!before?.roles.includes('admin') && !nextRoles.includes('admin');
    const adminByConfig = ctx.admins?.includes(actor.userId) ?? false;
    if (dropsOwnAdmin && !adminByConfig && admins.every((a) => a.slackUserId === actor.userId)) {
      throw new AppError('forbidden', lastAdminMessage);
    }
    const values = {
      name: before?.name || who.name,
      roles: nextRoles,
      departmentId,
      away: input.away,
      updatedAt: now,
    };
    const [after] = await tx
      .insert(people)
      .values({ slackUserId: who.userId, ...values })
      .onConflictDoUpdate({ target: people.slackUserId, set: values })
      .returning();
    if (!after) throw new Error('the person was not saved');
    // Their roles, department or absence decide what their Home lists.
    await refreshHomes(tx, now, [who.userId], `person:${who.userId}:${now.getTime()}`);
    return { before: before ?? null, after };
  });
}
