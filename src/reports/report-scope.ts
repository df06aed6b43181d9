import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

/** Which orders a report reads: received in [from, to), narrowed to one customer, product or department. */
export interface ReportScope {
  from: Date;
  to: Date;
  customerId?: number;
  productId?: number;
  /** A department's orders: those with a step in it. */
  departmentId?: number;
}

/**
 * The orders of the scope as a subquery (`id, created_at, delivery_date, total_cents, status`
 * and what their events say: `delivered_at, credit_held_at, credit_decision` and the stored
 * durations `cycle_microseconds, credit_decision_microseconds`), read from orders_report_idx
 * alone and the filter's own index. A whole period's orders are not held to its range of ids:
 * that adds nothing (the range is the period's) and would send every order's read to the table,
 * as the index does not hold the id; a narrowed cohort, joined on the id anyway, is read over it.
 */
function cohortSql(scope: ReportScope, ids?: CohortIds | null): SQL {
  const where: SQL[] = [
    sql`o.created_at >= ${instant(scope.from)}`,
    sql`o.created_at < ${instant(scope.to)}`,
    ...(ids !== undefined && isNarrowed(scope) ? [idRange(sql`o.id`, ids)] : []),
    ...filterSql(scope, ids),
  ];
  return sql`select o.id, o.created_at, o.delivery_date, o.total_cents, o.status, o.delivered_at,
      o.cycle_microseconds, o.credit_held_at, o.credit_decision, o.credit_decision_microseconds from orders o
    where ${sql.join(where, sql` and `)}`;
}

/**
 * The cohort as a common table expression `c` for a report's statement; given the period's range
 * of ids, the narrowing's lookups are held to it (a department's steps of the period, not all).
 */
export const cohortCte = (scope: ReportScope, ids?: CohortIds | null): SQL =>
  sql`c as (${cohortSql(scope, ids)})`;

/** The lowest and highest id of the period's orders; null when the period has none. */
export interface CohortIds {
  lo: number;
  hi: number;
  /**
   * Every order with an id in the range is in the cohort: the period holds every id in it and
   * nothing narrows the report. A table of order parts is then read over the range alone,
   * without joining the cohort.
   */
  exact: boolean;
}

/**
 * Ids grow with time, so a period's orders are a narrow range of ids: a table of order parts
 * read with `inCohortIds` is read over that range of its order_id index, not whole. The range
 * is asked for first and written into the statements as numbers, so the planner sees how much
 * of a table it covers and reads a year or everything sequentially instead. The range is the
 * period's, whatever the narrowing. Orders stored with an earlier receipt time (an import) can
 * break the order of ids, so whether the range holds only the period is counted, not assumed.
 */
export async function cohortIds(db: DbOrTx, scope: ReportScope): Promise<CohortIds | null> {
  const narrowed = isNarrowed(scope);
  const [row] = await queryRows<{ lo: unknown; hi: unknown; exact: boolean | null }>(
    db,
    // `id + 0`: min(id) alone would be planned as a walk along the primary key from the oldest
    // order until one falls in the period, past every order before it.
    sql`with p as (select min(id + 0) as lo, max(id + 0) as hi, count(*) as n
        from (${cohortSql({ from: scope.from, to: scope.to })}) c)
      select lo, hi, ${narrowed ? sql`false` : exactSql} as exact from p`,
  );
  if (row?.lo == null || row.hi == null) return null;
  return { lo: Number(row.lo), hi: Number(row.hi), exact: row.exact === true };
}

/**
 * Whether the period `p` holds every id of its range: at once when it has as many orders as the
 * range has ids, else counted over the range (ids a rolled-back insert took leave gaps).
 */
const exactSql = sql`case when p.hi - p.lo + 1 = p.n then true
  else p.n = (select count(*) from orders where id between p.lo and p.hi) end`;

/** A condition on an order id column: within the period's range of ids. */
const idRange = (orderId: SQL, ids: CohortIds | null): SQL =>
  ids === null
    ? sql`false`
    : sql`${orderId} between ${sql.raw(String(Math.trunc(ids.lo)))} and ${sql.raw(String(Math.trunc(ids.hi)))}`;

/** A condition on an order id column: the order is in the cohort `c` (see `cohortIds`). */
export const inCohortIds = (orderId: SQL, ids: CohortIds | null): SQL =>
  ids === null || ids.exact
    ? idRange(orderId, ids)
    : sql`${idRange(orderId, ids)} and ${orderId} in (select id from c)`;

/**
 * The customer, product or department narrowing alone, for figures that ignore the period (the
 * backlog), or held to the period's range of ids.
 */
export function filterSql(scope: Omit<ReportScope, 'from' | 'to'>, ids?: CohortIds | null): SQL[] {
  const within = (orderId: SQL) => (ids === undefined ? sql`` : sql` and ${idRange(orderId, ids)}`);
  const where: SQL[] = [];
  if (scope.customerId !== undefined) where.push(sql`o.customer_id = ${scope.customerId}`);
  if (scope.productId !== undefined) {
    where.push(
      sql`exists (select 1 from order_lines l where l.order_id = o.id and l.product_id = ${scope.productId}${within(sql`l.order_id`)})`,
    );
  }
  if (scope.departmentId !== undefined) {
    where.push(
      sql`exists (select 1 from assignments a where a.order_id = o.id and a.department_id = ${scope.departmentId}${within(sql`a.order_id`)})`,
    );
  }
  return where;
}

/** Whether a customer, product or department narrows the report's orders. */
export const isNarrowed = (scope: ReportScope): boolean =>
  scope.customerId !== undefined || scope.productId !== undefined || scope.departmentId !== undefined;

/** postgres.js binds raw SQL's parameters as text: an instant goes as ISO text, cast by the server. */
export const instant = (at: Date): SQL => sql`${at.toISOString()}::timestamptz`;
