import { and, asc, desc, eq, ilike, inArray, lt, notInArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers, orderEvents, orders } from '../db/schema.ts';
import type { OrderStatus } from './order-states.ts';
import type { TimelineEntry } from './order-timeline.ts';
import { selectOrders } from './select-orders.ts';
import { ordersClosed } from './status-sets.ts';

export type OrderFilter =
  | { kind: 'open' }
  | { kind: 'mine'; userId: string }
  | { kind: 'held' }
  | { kind: 'customer'; name: string }
  | { kind: 'status'; status: OrderStatus };

export interface OrderListItem {
  id: number;
  number: string;
  status: string;
  customerName: string;
  deliveryDate: string;
  totalCents: number;
}

/** A page of orders, newest first; `before` is the id the previous page ended at. */
export async function listOrders(
  db: DbOrTx,
  filter: OrderFilter,
  page: { before?: number; size: number },
): Promise<OrderListItem[]> {
  const conditions: SQL[] = [];
  if (filter.kind === 'open') conditions.push(notInArray(orders.status, ordersClosed));
  if (filter.kind === 'mine')
    conditions.push(eq(orders.ownerId, filter.userId), notInArray(orders.status, ordersClosed));
  if (filter.kind === 'held') conditions.push(eq(orders.status, 'on_hold'));
  if (filter.kind === 'status') conditions.push(eq(orders.status, filter.status));
  if (filter.kind === 'customer') {
    const q = filter.name.replace(/[\\%_]/g, (c) => `\\${c}`);
    const matching = db
      .select({ id: customers.id })
      .from(customers)
      .where(ilike(customers.name, `%${q}%`));
    conditions.push(inArray(orders.customerId, matching));
  }
  if (page.before) conditions.push(lt(orders.id, page.before));
  return selectOrders(db, {
    id: orders.id,
    status: orders.status,
    deliveryDate: orders.deliveryDate,
    totalCents: orders.totalCents,
  })
    .where(and(...conditions))
    .orderBy(desc(orders.id))
    .limit(page.size);
}

export async function findOrderIdByNumber(db: DbOrTx, number: string): Promise<number | null> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.number, number.toUpperCase()));
  return row?.id ?? null;
}

export async function loadTimeline(db: DbOrTx, orderId: number): Promise<TimelineEntry[]> {
  return db
    .select({ type: orderEvents.type, actor: orderEvents.actor, at: orderEvents.at, data: orderEvents.data })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id));
}
