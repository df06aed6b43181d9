import { eq } from 'drizzle-orm';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { departments, people } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { type Actor, type Role, requireRole } from './roles.ts';

export interface RoleChange {
  userId: string;
  role: Role;
  /** Required with `member`: the department's key, e.g. production. */
  departmentKey?: string;
}

/** An admin grants a role (and, for members, their department). Returns the person's roles after. */
export async function grantRole(ctx: UseCaseContext, actor: Actor, change: RoleChange): Promise<Role[]> {
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
    const next = [...new Set([...(current?.roles ?? []), change.role])].sort() as Role[];
    await tx
      .insert(people)
      .values({ slackUserId: change.userId, roles: next, departmentId, updatedAt: now })
      .onConflictDoUpdate({
        target: people.slackUserId,
        set: { roles: next, updatedAt: now, ...(departmentId ? { departmentId } : {}) },
      });
    return next;
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
