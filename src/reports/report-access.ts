import { type Actor, hasRole } from '../auth/roles.ts';
import { AppError } from '../errors.ts';

/**
 * Whose orders a person may see in a report: managers and admins everyone's (or the department
 * they ask for); a department member only their own department's, and asking for another is
 * refused. The permissions table has already refused everyone else.
 * Returns the department the report is held to, or undefined for all.
 */
export function reportDepartment(
  actor: Actor,
  asked: { id: number; name: string } | null,
): number | undefined {
  if (hasRole(actor, ['manager'])) return asked?.id;
  if (actor.departmentId === null) {
    throw new AppError(
      'forbidden',
      'Reports show members their own department’s orders, and you are in no department. Ask an admin of orderdesk to set yours.',
    );
  }
  if (asked && asked.id !== actor.departmentId) {
    throw new AppError(
      'forbidden',
      `You can see reports for your own department (${actor.departmentKey ?? 'yours'}) only; managers and admins see ${asked.name}.`,
    );
  }
  return actor.departmentId;
}
