import { and, asc, count, eq, inArray, isNull, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../auth/roles.ts';
import type { DbOrTx } from '../db/client.ts';
import { assignments, customers, orders } from '../db/schema.ts';
import { ordersGone, ordersWaitingOnOwner, sqlList, stepsToDo } from '../orders/status-sets.ts';
import { openWork, selectSteps } from '../routing/open-work.ts';
import { type HomeList, type HomePages, pageSize } from './home-pages.ts';

export interface HomeItem {
  number: string;
  customerName: string;
  /** The step's department; null for an order as a whole. */
  departmentName: string | null;
  /** The step's status, or the order's. */
  status: string;
  deliveryDate: string;
  /** When a department cannot finish by the delivery date: the earliest date it could. */
  fitsOn: string | null;
  /** The departments where a step of the order waits with nobody to take it. */
  waitingIn: string | null;
  /** The step, and the order version it was read at: what an Accept button carries. */
  step: { assignmentId: number; orderVersion: number } | null;
}

/** One page of a list, and how long the whole list is. */
export interface HomePage {
  items: HomeItem[];
  total: number;
  page: number;
}

/** The lists' pages. */
export type HomeData = Record<HomeList, HomePage>;

const unfinished = sqlList(stepsToDo);

/**
 * What the App Home shows this person, a page of each list: their work, their department's
 * queue, and the orders that wait on them. Earliest delivery first, so overdue work leads.
 */
export async function loadHome(db: DbOrTx, actor: Actor, pages: HomePages): Promise<HomeData> {
  const mine = and(openWork, eq(assignments.assigneeId, actor.userId));
  const unassigned = actor.departmentId
    ? and(openWork, isNull(assignments.assigneeId), eq(assignments.departmentId, actor.departmentId))
    : undefined;
  const [mineList, unassignedList, needsMeList] = await Promise.all([
    stepPage(db, mine, pages.mine),
    unassigned ? stepPage(db, unassigned, pages.unassigned) : { items: [], total: 0, page: 0 },
    orderPage(db, needsMe(actor.userId), pages.needsMe),
  ]);
  return {
    mine: mineList,
    unassigned: unassignedList,
    needsMe: needsMeList,
  };
}

/**
 * Orders waiting on this person: their own that are held, not yet routed or at capacity risk,
 * and any order whose step in a department they manage is late or has nobody to take it.
 */
function needsMe(userId: string): SQL | undefined {
  const atRisk = sql`exists (select 1 from assignments a where a.order_id = ${orders.id}
    and a.fits_on is not null and a.status in ${unfinished})`;
  const managed = sql`exists (select 1 from assignments a join departments d on d.id = a.department_id
    where a.order_id = ${orders.id} and d.manager_id = ${userId}
      and ((a.status = 'open' and a.assignee_id is null) or (a.fits_on is not null and a.status in ${unfinished})))`;
  return and(
    notInArray(orders.status, ordersGone),
    or(and(eq(orders.ownerId, userId), or(inArray(orders.status, ordersWaitingOnOwner), atRisk)), managed),
  );
}

async function stepPage(db: DbOrTx, where: SQL | undefined, page: number): Promise<HomePage> {
  const [counted] = await db
    .select({ n: count() })
    .from(assignments)
    .innerJoin(orders, eq(orders.id, assignments.orderId))
    .where(where);
  const total = counted?.n ?? 0;
  const at = clamp(page, total);
  const rows = await selectSteps(db, {
    fitsOn: assignments.fitsOn,
    assignmentId: assignments.id,
    orderVersion: orders.version,
  })
    .where(where)
    .orderBy(asc(orders.deliveryDate), asc(orders.number))
    .limit(pageSize)
    .offset(at * pageSize);
  return {
    items: rows.map(({ assignmentId, orderVersion, ...r }) => ({
      ...r,
      waitingIn: null,
      step: { assignmentId, orderVersion },
    })),
    total,
    page: at,
  };
}

async function orderPage(db: DbOrTx, where: SQL | undefined, page: number): Promise<HomePage> {
  const [counted] = await db.select({ n: count() }).from(orders).where(where);
  const total = counted?.n ?? 0;
  const at = clamp(page, total);
  const rows = await db
    .select({
      number: orders.number,
      customerName: customers.name,
      status: orders.status,
      deliveryDate: orders.deliveryDate,
      fitsOn: sql<string | null>`(select max(a.fits_on)::text from assignments a
        where a.order_id = ${orders.id} and a.fits_on is not null and a.status in ${unfinished})`,
      waitingIn: sql<string | null>`(select string_agg(d.name, ', ' order by a.step) from assignments a
        join departments d on d.id = a.department_id
        where a.order_id = ${orders.id} and a.status = 'open' and a.assignee_id is null)`,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(where)
    .orderBy(asc(orders.deliveryDate), asc(orders.number))
    .limit(pageSize)
    .offset(at * pageSize);
  return { items: rows.map((r) => ({ ...r, departmentName: null, step: null })), total, page: at };
}

/** A page past the end (the list shrank since the button was drawn) shows the last one. */
function clamp(page: number, total: number): number {
  return Math.max(0, Math.min(page, Math.ceil(total / pageSize) - 1));
}
