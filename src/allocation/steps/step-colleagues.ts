import { and, arrayContains, asc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { people } from '../../db/schema.ts';

/** Someone a step may be handed to; `name` is empty when orderdesk has none on record. */
export interface Colleague {
  userId: string;
  name: string;
}

/**
 * Who may take a department's step over: its members who are not away, but not whoever has it —
 * the same people `reassignStep` accepts, so Reassign offers only choices that can succeed.
 */
export function stepColleagues(
  tx: DbOrTx,
  departmentId: number,
  assigneeId: string | null,
): Promise<Colleague[]> {
  return tx
    .select({ userId: people.slackUserId, name: people.name })
    .from(people)
    .where(
      and(
        eq(people.departmentId, departmentId),
        arrayContains(people.roles, ['member']),
        eq(people.away, false),
        assigneeId ? ne(people.slackUserId, assigneeId) : undefined,
      ),
    )
    .orderBy(asc(people.name), asc(people.slackUserId));
}
