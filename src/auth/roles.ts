import { AppError } from '../errors.ts';

export const roles = ['admin', 'manager', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** The person behind a Slack request, as orderdesk knows them. */
export interface Actor {
  userId: string;
  roles: Role[];
  departmentId: number | null;
  departmentKey: string | null;
}

const roleWords: Record<Role, string> = {
  admin: 'an admin',
  manager: 'a manager',
  member: 'a department member',
  viewer: 'a viewer',
};

/**
 * Which roles one person may hold together. A viewer sees and changes nothing, so viewer goes
 * alone: it contradicts every other role. Admin, manager and member combine (an admin or a
 * manager may also work in a department as its member). Held roles are listed in `roles` order.
 */
export function contradicts(a: Role, b: Role): boolean {
  return a !== b && (a === 'viewer' || b === 'viewer');
}

/** Roles that cannot be held together, e.g. ['admin', 'viewer'], or [] when they all combine. */
export function contradictingRoles(held: readonly Role[]): Role[] {
  return roles.filter((r) => held.includes(r) && held.some((other) => contradicts(r, other)));
}

/** Granting `role` adds it and replaces what it contradicts. */
export function grantedRoles(held: readonly Role[], role: Role): { roles: Role[]; replaced: Role[] } {
  const replaced = roles.filter((r) => held.includes(r) && contradicts(r, role));
  return { roles: roles.filter((r) => r === role || (held.includes(r) && !replaced.includes(r))), replaced };
}

/** True when the actor holds one of `allowed`. Admins may do everything. */
export function hasRole(actor: Actor, allowed: readonly Role[]): boolean {
  return actor.roles.includes('admin') || allowed.some((r) => actor.roles.includes(r));
}

/** Refuses with a message naming the role needed for `what`, e.g. "grant roles". */
export function requireRole(actor: Actor, allowed: readonly Role[], what: string): void {
  if (hasRole(actor, allowed)) return;
  const needed = allowed.length ? allowed : (['admin'] as const);
  const list = needed.map((r) => roleWords[r]).join(' or ');
  throw new AppError('forbidden', `Only ${list} can ${what}. Ask an admin of orderdesk if you need to.`);
}

/** Members act only for their own department; managers and admins for any. */
export function requireDepartment(
  actor: Actor,
  departmentId: number,
  departmentName: string,
  what: string,
): void {
  if (hasRole(actor, ['manager'])) return;
  if (actor.roles.includes('member') && actor.departmentId === departmentId) return;
  throw new AppError('forbidden', `Only members of ${departmentName}, its manager or an admin can ${what}.`);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
