import { type Actor, hasRole } from '../auth/roles.ts';
import { AppError } from '../errors.ts';

/**
 * Whose orders a person may see in a report: managers and admins everyone's (or the department
 * they ask for); anyone else only their own department's, and asking for another is refused.
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
      'Reports show a department’s orders to its people, and everything to managers and admins; you are in no department. Ask an admin of orderdesk if you need to.',
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
