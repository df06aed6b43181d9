import { inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { slackChannelGates } from '../db/schema.ts';
import { enqueue, enqueueSelected } from '../outbox/enqueue.ts';

/**
 * The outbox channel of a person's App Home. It is a pacing key, not a Slack channel: home
 * publishes are views.publish (Tier 4, 100+ a minute per workspace), not chat messages, so they
 * get a queue of their own and never wait behind, or hold up, the person's DMs.
 */
const prefix = 'home:';
export const homeChannel = (userId: string) => `${prefix}${userId}`;

/**
 * The Home's pacing gate doubles as the memory of who has opened the Home: it is created when
 * the person first opens it, and refreshes are queued only for people who have one. Slack
 * accepts views.publish for someone who never looked, but it would be spent for nothing.
 */
export async function rememberHomeOpened(db: DbOrTx, now: Date, userId: string): Promise<void> {
  await db
    .insert(slackChannelGates)
    .values({ channel: homeChannel(userId), nextSendAt: now })
    .onConflictDoNothing({ target: slackChannelGates.channel });
}

/**
 * Queues a fresh App Home for each of these people who has opened theirs, in the caller's
 * transaction. `change` names the change deterministically (e.g. `reassign:12:v7`), so queuing it
 * twice is a no-op. For a change the order alone cannot tell, e.g. the person a step was taken
 * from.
 */
export async function refreshHomes(
  tx: DbOrTx,
  now: Date,
  userIds: readonly string[],
  change: string,
): Promise<void> {
  const wanted = [...new Set(userIds)];
  if (!wanted.length) return;
  const opened = await tx
    .select({ channel: slackChannelGates.channel })
    .from(slackChannelGates)
    .where(inArray(slackChannelGates.channel, wanted.map(homeChannel)));
  const have = new Set(opened.map((g) => g.channel));
  await queueHomes(
    tx,
    now,
    wanted.filter((u) => have.has(homeChannel(u))),
    change,
  );
}

/**
 * After a change to an order: everyone whose Home may show it, as it is now. Its owner (orders
 * that need them); whoever holds or held one of its steps (a finished step leaves their list);
 * the members of a department whose step is open or just accepted (its unassigned queue, and a
 * step a colleague took over from the person picked); the managers of its departments (work
 * that waits or is late). Someone who lost the order in a way it no longer shows, e.g. a
 * started step reassigned away from them, is the caller's to name with refreshHomes.
 */
export async function refreshOrderHomes(
  tx: DbOrTx,
  now: Date,
  order: { id: number; version: number },
): Promise<void> {
  await enqueueSelected(tx, now, orderHomeEntries(order));
}

/**
 * The outbox entries (key, channel, payload, n) of refreshOrderHomes as a selection, so that
 * finding the audience and queuing its Homes is one statement; `after` places them after other
 * entries of the same statement.
 */
export function orderHomeEntries(order: { id: number; version: number }, after = 0): SQL {
  const id = sql`${order.id}::bigint`;
  return sql`
    with audience(user_id) as (
      select owner_id from orders where id = ${id}
      union select assignee_id from assignments where order_id = ${id} and assignee_id is not null
      union select p.slack_user_id from assignments a join people p on p.department_id = a.department_id
        where a.order_id = ${id} and a.status in ('open', 'accepted')
      union select d.manager_id from assignments a join departments d on d.id = a.department_id
        where a.order_id = ${id} and d.manager_id is not null
    )
    select ${prefix}::text || u.user_id || ${`:order:${order.id}:v${order.version}`}::text as key,
      g.channel,
      jsonb_build_object('kind', 'home', 'v', 1, 'userId', u.user_id) as payload,
      ${after}::bigint + row_number() over (order by u.user_id) as n
    from audience u
    join slack_channel_gates g on g.channel = ${prefix}::text || u.user_id`;
}

async function queueHomes(tx: DbOrTx, now: Date, userIds: readonly string[], change: string) {
  await enqueue(
    tx,
    now,
    userIds.map((userId) => ({
      key: `home:${userId}:${change}`,
      channel: homeChannel(userId),
      effect: { kind: 'home' as const, v: 1 as const, userId },
    })),
  );
}
