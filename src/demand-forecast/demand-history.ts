import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toNumber } from '../db/rows.ts';
import type { ProductScope } from './product-scope.ts';

export type DemandScope = ProductScope<{ productId: number }, { category: string }>;

export interface WeeklyDemandRow {
  productId: number;
  /** Monday of the week, in the business time zone. */
  week: string;
  quantity: number;
}

/**
 * Ordered quantities per product and week (weeks start on Monday in the business time zone)
 * from `from` up to `to` (exclusive), summed in the database. Cancelled orders are not demand.
 */
export async function weeklyDemand(
  db: DbOrTx,
  scope: DemandScope,
  window: { from: string; to: string; timeZone: string },
): Promise<WeeklyDemandRow[]> {
  const local = sql`(o.created_at at time zone ${window.timeZone})::date`;
  const only: SQL =
    scope.kind === 'product'
      ? sql`and l.product_id = ${scope.productId}`
      : scope.kind === 'category'
        ? sql`and p.category = ${scope.category}`
        : sql``;
  const rows = await queryRows<{ product_id: unknown; week: string; quantity: unknown }>(
    db,
    sql`select l.product_id, to_char(date_trunc('week', ${local}), 'YYYY-MM-DD') as week,
               sum(l.quantity) as quantity
          from order_lines l
          join orders o on o.id = l.order_id
          join products p on p.id = l.product_id
         where o.status <> 'cancelled'
           and ${local} >= ${window.from}::date and ${local} < ${window.to}::date
           ${only}
         group by l.product_id, 2`,
  );
  return rows.map((r) => ({
    productId: toNumber(r.product_id),
    week: r.week,
    quantity: toNumber(r.quantity),
  }));
}
