import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { orderFeedback, orders } from '../db/schema.ts';
import { selectOrders } from '../orders/select-orders.ts';
import type { LowRating } from './after-sales-message.ts';

/** The logged feedback of an order, with what after-sales needs to know of the order. */
export async function loadRating(tx: DbOrTx, orderId: number): Promise<LowRating | null> {
  const [row] = await selectOrders(tx, {
    rating: orderFeedback.rating,
    reasons: orderFeedback.reasons,
    comment: orderFeedback.comment,
  })
    .innerJoin(orderFeedback, eq(orderFeedback.orderId, orders.id))
    .where(eq(orders.id, orderId));
  return row ?? null;
}
