import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { allocationRules, assignments, customers, departments, people } from '../db/schema.ts';
import { withDepartment } from '../db/with-department.ts';
import type { OrderRow } from '../orders/order-store.ts';
import { stepUnderWay } from '../orders/status-sets.ts';
import {
  type AllocationRule,
  type Candidate,
  type OrderTraits,
  routeSchema,
  ruleConditionsSchema,
} from './allocation-rules.ts';

export type DepartmentRow = typeof departments.$inferSelect;

export type AssignmentRow = typeof assignments.$inferSelect;

/** The rules in order; a row that no longer parses is skipped rather than stopping allocation. */
export async function loadRules(db: DbOrTx): Promise<AllocationRule[]> {
  const rows = await db
    .select()
    .from(allocationRules)
    .orderBy(asc(allocationRules.position), asc(allocationRules.id));
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

/** An order's content traits, read in one statement. */
export async function orderTraitsData(db: DbOrTx, order: OrderRow): Promise<ContentTraits> {
  const [row] = await db
    .select({
      categories: sql<string[] | null>`(
        select json_agg(distinct p.category) from order_lines l
        inner join products p on p.id = l.product_id where l.order_id = ${order.id})`,
      tier: customers.tier,
      units: sql<number>`(select coalesce(sum(l.quantity), 0)::int from order_lines l where l.order_id = ${order.id})`,
    })
    .from(customers)
    .where(eq(customers.id, order.customerId));
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
export async function allDepartmentsByKey(db: DbOrTx): Promise<Map<string, DepartmentRow>> {
  const rows = await db.select().from(departments);
  return new Map(rows.map((d) => [d.key, d]));
}

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
 * What picking a person in a department reads, in one statement: its members, with how much
 * each has open now, and who it handed work to last (round-robin goes on from there; with no
 * members nobody is picked, so it is not needed then).
 */
export async function pickingData(
  db: DbOrTx,
  departmentId: number,
): Promise<{ candidates: Candidate[]; lastAssigned: string | null }> {
  const openCount = db
    .select({ n: count() })
    .from(assignments)
    .where(and(eq(assignments.assigneeId, people.slackUserId), stepUnderWay));
  const lastGiven = db
    .select({ id: assignments.assigneeId })
    .from(assignments)
    .where(and(eq(assignments.departmentId, departmentId), isNotNull(assignments.assigneeId)))
    .orderBy(desc(assignments.openedAt), desc(assignments.id))
    .limit(1);
  const members = await db
    .select({
      id: people.slackUserId,
      away: people.away,
      roles: people.roles,
      openCount: sql<number>`(${openCount})`.mapWith(Number),
      lastAssigned: sql<string | null>`(${lastGiven})`,
    })
    .from(people)
    .where(eq(people.departmentId, departmentId));
  return {
    candidates: members
      .filter((m) => m.roles.includes('member'))
      .map((m) => ({ id: m.id, away: m.away, openCount: m.openCount })),
    lastAssigned: members[0]?.lastAssigned ?? null,
  };
}

export async function routeOf(db: DbOrTx, orderId: number) {
  return withDepartment(db, 'assignment', assignments)
    .where(eq(assignments.orderId, orderId))
    .orderBy(asc(assignments.step));
}
