import { type SQL, sql } from 'drizzle-orm';

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
 * The orders of the scope as a subquery (`id, created_at, delivery_date, total_cents, status`),
 * read through orders_created_idx and the filter's own index.
 */
export function cohortSql(scope: ReportScope): SQL {
  const where: SQL[] = [
    sql`o.created_at >= ${instant(scope.from)}`,
    sql`o.created_at < ${instant(scope.to)}`,
  ];
  where.push(...filterSql(scope));
  return sql`select o.id, o.created_at, o.delivery_date, o.total_cents, o.status from orders o
    where ${sql.join(where, sql` and `)}`;
}

/** The customer, product or department narrowing alone, for figures that ignore the period (the backlog). */
export function filterSql(scope: Omit<ReportScope, 'from' | 'to'>): SQL[] {
  const where: SQL[] = [];
  if (scope.customerId !== undefined) where.push(sql`o.customer_id = ${scope.customerId}`);
  if (scope.productId !== undefined) {
    where.push(
      sql`exists (select 1 from order_lines l where l.order_id = o.id and l.product_id = ${scope.productId})`,
    );
  }
  if (scope.departmentId !== undefined) {
    where.push(
      sql`exists (select 1 from assignments a where a.order_id = o.id and a.department_id = ${scope.departmentId})`,
    );
  }
  return where;
}

/** postgres.js binds raw SQL's parameters as text: an instant goes as ISO text, cast by the server. */
export const instant = (at: Date): SQL => sql`${at.toISOString()}::timestamptz`;
