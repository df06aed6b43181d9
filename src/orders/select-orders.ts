import { eq } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { customers, orders } from '../db/schema.ts';

/**
 * Orders with their number and customer's name, as every view of an order names it; `more`
 * adds what one view needs besides. The caller adds its joins, condition and order.
 */
export function selectOrders<More extends SelectedFields>(db: DbOrTx, more: More) {
  return db
    .select({ number: orders.number, customerName: customers.name, ...more })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId));
}
