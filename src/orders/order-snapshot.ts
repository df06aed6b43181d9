import { and, count, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers, exceptions, orderFeedback, orders } from '../db/schema.ts';
import { loadOrderLines, type OrderLine } from './order-lines.ts';

export interface OrderSnapshot {
  id: number;
  number: string;
  status: string;
  /** Why an order on hold waits: its kind (credit, exception, customer, manual) and reason. */
  hold: { kind: string; reason: string | null } | null;
  /** Problems raised on the order and not resolved yet (exceptions/). */
  openProblems: number;
  version: number;
  customer: { code: string; name: string };
  deliveryDate: string;
  paymentMethod: string;
  customerPo: string | null;
  notes: string;
  ownerId: string;
  totalCents: number;
  updatedAt: Date;
  /** The customer's rating after delivery, once the owner logged it. */
  feedback: { rating: number } | null;
  lines: OrderLine[];
}

/** Everything a card or a status view shows of one order, read in three queries. */
export async function loadOrderSnapshot(db: DbOrTx, orderId: number): Promise<OrderSnapshot | null> {
  const [head] = await db
    .select({
      order: orders,
      customer: { code: customers.code, name: customers.name },
      rating: orderFeedback.rating,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .leftJoin(orderFeedback, eq(orderFeedback.orderId, orders.id))
    .where(eq(orders.id, orderId));
  if (!head) return null;
  const lines = await loadOrderLines(db, orderId);
  const [problems] = await db
    .select({ n: count() })
    .from(exceptions)
    .where(and(eq(exceptions.orderId, orderId), ne(exceptions.status, 'resolved')));
  const { order } = head;
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    hold:
      order.status === 'on_hold' && order.holdKind
        ? { kind: order.holdKind, reason: order.holdReason }
        : null,
    openProblems: problems?.n ?? 0,
    version: order.version,
    customer: head.customer,
    deliveryDate: order.deliveryDate,
    paymentMethod: order.paymentMethod,
    customerPo: order.customerPo,
    notes: order.notes,
    ownerId: order.ownerId,
    totalCents: order.totalCents,
    updatedAt: order.updatedAt,
    feedback: head.rating === null ? null : { rating: head.rating },
    lines,
  };
}
