import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { departments, people } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { type Actor, isRole, type Role } from './roles.ts';

export interface ActorPolicy {
  /** Slack user ids that are admins from the first start (ORDERDESK_ADMINS). */
  admins: readonly string[];
  /** The workspace the bot is installed in; people from any other team are guests. */
  homeTeamId: string;
}

/**
 * Refuses someone from another workspace (a Slack Connect guest): all that a `workspace`
 * permission asks, answered without reading the database.
 */
export function checkWorkspace(
  teamId: string | null | undefined,
  policy: Pick<ActorPolicy, 'homeTeamId'>,
): void {
  if (teamId && teamId !== policy.homeTeamId) {
    throw new AppError('forbidden', 'orderdesk only takes actions from members of its own workspace.');
  }
}

/** Every request that checks a role reads the person's record first. */
const personQuery = preparedPerDatabase((db) =>
  db
    .select({ roles: people.roles, departmentId: people.departmentId, departmentKey: departments.key })
    .from(people)
    .leftJoin(departments, eq(departments.id, people.departmentId))
    .where(eq(people.slackUserId, sql.placeholder('userId')))
    .prepare('actor_person'),
);

/**
 * Who is acting. Someone from another workspace (a Slack Connect guest) never acts, whatever
 * roles are on record; someone unknown is a viewer.
 */
export async function loadActor(
  db: DbOrTx,
  who: { userId: string; teamId: string | null | undefined },
  policy: ActorPolicy,
): Promise<Actor> {
  checkWorkspace(who.teamId, policy);
  const [row] = await personQuery(db).execute({ userId: who.userId });
  const recorded: Role[] = (row?.roles ?? []).filter(isRole);
  const granted = policy.admins.includes(who.userId) ? ['admin' as const, ...recorded] : recorded;
  return {
    userId: who.userId,
    roles: granted.length ? [...new Set(granted)] : ['viewer'],
    departmentId: row?.departmentId ?? null,
    departmentKey: row?.departmentKey ?? null,
  };
}
