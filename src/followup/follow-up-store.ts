import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers, orders, shipments } from '../db/schema.ts';
import { selectOrders } from '../orders/select-orders.ts';
import type { FollowUpSubject } from './follow-up-message.ts';

/** What the follow-up reminder shows of an order, and the order's owner and status. */
export async function loadFollowUpSubject(
  tx: DbOrTx,
  orderId: number,
): Promise<(FollowUpSubject & { ownerId: string; status: string }) | null> {
  const [row] = await selectOrders(tx, {
    ownerId: orders.ownerId,
    status: orders.status,
    customerCode: customers.code,
    contactId: customers.accountOwnerId,
    deliveredOn: shipments.deliveredOn,
  })
    .leftJoin(shipments, eq(shipments.orderId, orders.id))
    .where(eq(orders.id, orderId));
  return row ? { orderId, ...row } : null;
}
