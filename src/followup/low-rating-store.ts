import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers, orderFeedback, orders } from '../db/schema.ts';
import type { LowRating } from './after-sales-message.ts';

/** The logged feedback of an order, with what after-sales needs to know of the order. */
export async function loadRating(tx: DbOrTx, orderId: number): Promise<LowRating | null> {
  const [row] = await tx
    .select({
      number: orders.number,
      customerName: customers.name,
      rating: orderFeedback.rating,
      reasons: orderFeedback.reasons,
      comment: orderFeedback.comment,
    })
    .from(orderFeedback)
    .innerJoin(orders, eq(orders.id, orderFeedback.orderId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(orderFeedback.orderId, orderId));
  return row ?? null;
}
