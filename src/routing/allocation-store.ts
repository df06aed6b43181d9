import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toNumber } from '../db/rows.ts';
import { type allocationRules, assignments, departments } from '../db/schema.ts';
import { withDepartment } from '../db/with-department.ts';
import { sqlList, stepsUnderWay } from '../orders/status-sets.ts';
import {
  type AllocationRule,
  type Candidate,
  type OrderTraits,
  type PickStrategy,
  routeSchema,
  ruleConditionsSchema,
} from './allocation-rules.ts';

export type DepartmentRow = typeof departments.$inferSelect;

export type AssignmentRow = typeof assignments.$inferSelect;

/** The rules as read, in order; a row that no longer parses is skipped rather than stopping allocation. */
export function parsedRules(rows: readonly (typeof allocationRules.$inferSelect)[]): AllocationRule[] {
  return rows.flatMap((r) => {
    const conditions = ruleConditionsSchema.safeParse(r.conditions);
    const route = routeSchema.safeParse(r.route);
    return conditions.success && route.success
      ? [{ id: r.id, name: r.name, conditions: conditions.data, route: route.data }]
      : [];
  });
}

/**
 * What the rules and capacity look at in an order's lines and its customer, beside its own row:
 * its products' categories, the customer's tier, its units.
 */
export type ContentTraits = Pick<OrderTraits, 'categories' | 'tier'> & { units: number };

/**
 * An order's content traits, read in one statement. Only the order's id is needed, so a caller
 * can send it with the statement that reads the order.
 */
export async function orderTraitsData(db: DbOrTx, orderId: number): Promise<ContentTraits> {
  // A template, not the builder: every allocation reads it (db/table-statements.ts says why).
  const [row] = await queryRows<{ categories: string[] | null; tier: string; units: unknown }>(
    db,
    sql`select (select json_agg(distinct p.category) from order_lines l
                inner join products p on p.id = l.product_id where l.order_id = o.id) as categories,
               c.tier,
               (select coalesce(sum(l.quantity), 0)::int from order_lines l where l.order_id = o.id) as units
        from orders o inner join customers c on c.id = o.customer_id where o.id = ${orderId}`,
  );
  return {
    categories: row?.categories ?? [],
    tier: row?.tier ?? 'standard',
    units: Number(row?.units ?? 0),
  };
}

/**
 * Every department by key: a route is known only once the rules are read, and reading all of
 * them (a few dozen rows) alongside the rules saves the round trip of asking for the route's.
 */
export async function findDepartment(db: DbOrTx, key: string): Promise<DepartmentRow | undefined> {
  const [row] = await db.select().from(departments).where(eq(departments.key, key));
  return row;
}

export async function departmentsByKey(
  db: DbOrTx,
  keys: readonly string[],
): Promise<Map<string, DepartmentRow>> {
  const rows = keys.length
    ? await db
        .select()
        .from(departments)
        .where(inArray(departments.key, [...keys]))
    : [];
  return new Map(rows.map((d) => [d.key, d]));
}

/**
 * What picking a person in a department reads, in one statement: its members, and who it handed
 * work to last (round-robin goes on from there; with no members nobody is picked, so it is not
 * needed then). How much each member has open now is counted only for least_open, the one
 * strategy that weighs it: the count reads every step the members have under way, which grows
 * with the desk's open orders, and most routes pick round-robin.
 */
export async function pickingData(
  db: DbOrTx,
  departmentId: number,
  pick: PickStrategy,
): Promise<{ candidates: Candidate[]; lastAssigned: string | null }> {
  // A template, not the builder: every allocation reads it while the number counter is held,
  // and drizzle took 140 µs of CPU to build it (db/table-statements.ts says more).
  const counted = pick === 'least_open';
  const members = await queryRows<{
    id: string;
    away: boolean;
    member: boolean;
    open_count: unknown;
    last_assigned: string | null;
  }>(
    db,
    sql`select p.slack_user_id as id, p.away, 'member' = any(p.roles) as member,
          ${
            counted
              ? sql`(select count(*) from assignments a
                      where a.assignee_id = p.slack_user_id and a.status in ${sqlList(stepsUnderWay)})`
              : sql`null`
          } as open_count,
          (select a.assignee_id from assignments a
            where a.department_id = ${departmentId} and a.assignee_id is not null
            order by a.opened_at desc, a.id desc limit 1) as last_assigned
        from people p where p.department_id = ${departmentId}`,
  );
  return {
    candidates: members
      .filter((m) => m.member)
      .map((m) => ({
        id: m.id,
        away: m.away,
        ...(m.open_count === null ? {} : { openCount: toNumber(m.open_count) }),
      })),
    lastAssigned: members[0]?.last_assigned ?? null,
  };
}

export async function routeOf(db: DbOrTx, orderId: number) {
  return withDepartment(db, 'assignment', assignments)
    .where(eq(assignments.orderId, orderId))
    .orderBy(asc(assignments.step));
}
