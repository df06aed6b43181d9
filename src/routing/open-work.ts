import { and, eq, ne } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { assignments, customers, departments, orders } from '../db/schema.ts';
import { stepUnderWay } from '../orders/status-sets.ts';

/** Steps someone is on or should be, of orders still wanted: the work queues, the App Home and nudges show. */
export const openWork = and(stepUnderWay, ne(orders.status, 'cancelled'));

/**
 * Steps with their order, customer and department, as every list of work shows them; `more`
 * adds what one list needs besides. The caller adds its condition (usually `openWork`) and order.
 */
export function selectSteps<More extends SelectedFields>(db: DbOrTx, more: More) {
  return db
    .select({
      number: orders.number,
      customerName: customers.name,
      departmentName: departments.name,
      status: assignments.status,
      deliveryDate: orders.deliveryDate,
      ...more,
    })
    .from(assignments)
    .innerJoin(departments, eq(departments.id, assignments.departmentId))
    .innerJoin(orders, eq(orders.id, assignments.orderId))
    .innerJoin(customers, eq(customers.id, orders.customerId));
}
