import { eq } from 'drizzle-orm';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { departments, people } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { type Actor, grantedRoles, isRole, type Role, requireRole } from './roles.ts';

export interface RoleChange {
  userId: string;
  role: Role;
  /** Required with `member`: the department's key, e.g. production. */
  departmentKey?: string;
}

/** What a grant left: the person's roles after, and the roles it replaced (see `grantedRoles`). */
export interface GrantResult {
  roles: Role[];
  replaced: Role[];
}

/** An admin grants a role (and, for members, their department), replacing the roles it contradicts. */
export async function grantRole(ctx: UseCaseContext, actor: Actor, change: RoleChange): Promise<GrantResult> {
  requireRole(actor, ['admin'], 'grant roles');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    let departmentId: number | null = null;
    if (change.role === 'member') {
      if (!change.departmentKey) {
        throw new AppError(
          'invalid_input',
          'Say which department, e.g. `/order grant @dana member production`.',
        );
      }
      const [dept] = await tx.select().from(departments).where(eq(departments.key, change.departmentKey));
      if (!dept) throw new AppError('not_found', await unknownDepartment(tx, change.departmentKey));
      departmentId = dept.id;
    }
    const [current] = await tx.select().from(people).where(eq(people.slackUserId, change.userId));
    const granted = grantedRoles((current?.roles ?? []).filter(isRole), change.role);
    if (change.userId === actor.userId && granted.replaced.includes('admin')) {
      throw new AppError(
        'forbidden',
        'Making yourself a viewer would take away your own admin role: ask another admin to do it.',
      );
    }
    // A viewer works in no department, so the department goes with the member role.
    const department = departmentId
      ? { departmentId }
      : granted.replaced.includes('member')
        ? { departmentId: null }
        : {};
    await tx
      .insert(people)
      .values({ slackUserId: change.userId, roles: granted.roles, departmentId, updatedAt: now })
      .onConflictDoUpdate({
        target: people.slackUserId,
        set: { roles: granted.roles, updatedAt: now, ...department },
      });
    return granted;
  });
}

/** An admin takes a role away. Returns the roles left. */
export async function revokeRole(
  ctx: UseCaseContext,
  actor: Actor,
  userId: string,
  role: Role,
): Promise<Role[]> {
  requireRole(actor, ['admin'], 'revoke roles');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(people).where(eq(people.slackUserId, userId));
    if (!current?.roles.includes(role))
      throw new AppError('not_found', `<@${userId}> does not have the ${role} role.`);
    const next = current.roles.filter((r) => r !== role) as Role[];
    await tx.update(people).set({ roles: next, updatedAt: now }).where(eq(people.slackUserId, userId));
    return next;
  });
}

async function unknownDepartment(tx: DbOrTx, key: string) {
  const known = await tx.select({ key: departments.key }).from(departments);
  const list = known.map((d) => d.key).join(', ') || 'none yet';
  return `There is no department "${key}". Departments: ${list}.`;
}
