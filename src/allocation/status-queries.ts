import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { assignments, customers, departments, orders, shipments } from '../db/schema.ts';
import { routeOf } from '../routing/allocation-store.ts';
import { openWork, selectSteps } from '../routing/open-work.ts';
import type { OrderStatusView, QueueItem } from './status-view.ts';

export async function loadOrderStatus(db: DbOrTx, number: string): Promise<OrderStatusView | null> {
  const [row] = await db
    .select({ order: orders, customerName: customers.name })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(orders.number, number));
  if (!row) return null;
  const route = await routeOf(db, row.order.id);
  const [shipment] = await db.select().from(shipments).where(eq(shipments.orderId, row.order.id));
  return {
    number: row.order.number,
    status: row.order.status,
    customerName: row.customerName,
    deliveryDate: row.order.deliveryDate,
    totalCents: row.order.totalCents,
    steps: route.map(({ assignment, department }) => ({ ...assignment, departmentName: department.name })),
    shipment: shipment ?? null,
  };
}

/** Open steps, by the order's delivery date; for one department when a key is given. */
export async function loadQueue(db: DbOrTx, departmentKey: string | null, limit = 40): Promise<QueueItem[]> {
  return selectSteps(db, { assigneeId: assignments.assigneeId })
    .where(departmentKey ? and(openWork, eq(departments.key, departmentKey)) : openWork)
    .orderBy(asc(orders.deliveryDate), asc(orders.id))
    .limit(limit);
}
