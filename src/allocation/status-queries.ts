import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { assignments, customers, departments, orders, shipments } from '../db/schema.ts';
import { stepUnderWay } from '../orders/status-sets.ts';
import { routeOf } from '../routing/allocation-store.ts';
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
  const conditions = [stepUnderWay];
  if (departmentKey) conditions.push(eq(departments.key, departmentKey));
  return db
    .select({
      number: orders.number,
      customerName: customers.name,
      departmentName: departments.name,
      status: assignments.status,
      assigneeId: assignments.assigneeId,
      deliveryDate: orders.deliveryDate,
    })
    .from(assignments)
    .innerJoin(departments, eq(departments.id, assignments.departmentId))
    .innerJoin(orders, eq(orders.id, assignments.orderId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(and(...conditions))
    .orderBy(asc(orders.deliveryDate), asc(orders.id))
    .limit(limit);
}
