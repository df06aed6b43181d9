import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  assignments,
  customerMessages,
  customers,
  orderLines,
  orders,
  products,
  shipments,
} from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { draftCustomerMessage, type MessageReason, routeProgress } from './draft-customer-message.ts';
import { offerDm } from './offer-dm.ts';

export interface CustomerMessageOccasion {
  orderId: number;
  reason: MessageReason;
  /**
   * What this occasion is, unique across all of them: an occasion offered twice (a retried job,
   * a Slack retry) is offered once. E.g. `exception_resolved:<exception id>`.
   */
  key: string;
  /** What happened, in words for the customer. */
  what?: string | null;
  /** What we do about it. */
  action?: string | null;
  /** A new delivery date, when the occasion changed it. */
  newDate?: string | null;
}

/**
 * Call inside the transaction that made the occasion (an exception raised or resolved, a change
 * applied, an order cancelled or delivered, a progress reminder): drafts the customer message
 * from the order as it is in that transaction, keeps it, and offers it to the order's owner by
 * DM with Edit & preview and Send. Returns the message's id, also when it was offered before.
 */
export async function offerCustomerMessage(
  tx: DbOrTx,
  now: Date,
  occasion: CustomerMessageOccasion,
): Promise<number> {
  const [found] = await tx
    .select({ order: orders, customer: customers })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(orders.id, occasion.orderId));
  if (!found) throw new AppError('not_found', `There is no order with id ${occasion.orderId}.`);
  const { order, customer } = found;
  const steps = await tx
    .select({ status: assignments.status, progress: assignments.progress })
    .from(assignments)
    .where(eq(assignments.orderId, order.id));
  const [shipment] = await tx
    .select({ expectedDate: shipments.expectedDate })
    .from(shipments)
    .where(eq(shipments.orderId, order.id));
  const text = draftCustomerMessage({
    reason: occasion.reason,
    orderNumber: order.number,
    customerName: customer.name,
    customerPo: order.customerPo,
    status: order.status,
    progressPercent: routeProgress(steps),
    expectedDate: shipment?.expectedDate ?? order.deliveryDate,
    newDate: occasion.newDate ?? null,
    what: occasion.what ?? null,
    action: occasion.action ?? null,
    guides: occasion.reason === 'delivered' ? await productGuides(tx, order.id) : [],
  });
  const [offered] = await tx
    .insert(customerMessages)
    .values({
      key: occasion.key,
      orderId: order.id,
      reason: occasion.reason,
      text,
      offeredTo: order.ownerId,
      offeredAt: now,
    })
    .onConflictDoNothing({ target: customerMessages.key })
    .returning({ id: customerMessages.id });
  if (!offered) {
    const [earlier] = await tx
      .select({ id: customerMessages.id })
      .from(customerMessages)
      .where(eq(customerMessages.key, occasion.key));
    return earlier?.id ?? 0;
  }
  await enqueue(tx, now, [
    {
      key: `custmsg-offer:${offered.id}`,
      channel: order.ownerId,
      effect: {
        kind: 'message',
        v: 1,
        message: offerDm({
          id: offered.id,
          orderNumber: order.number,
          reason: occasion.reason,
          text,
          channel: customer.connectChannelId,
        }),
      },
    },
  ]);
  return offered.id;
}

/** The guides of the order's products that have one, each once, in the order's line order. */
async function productGuides(tx: DbOrTx, orderId: number) {
  const rows = await tx
    .select({ product: products.name, url: products.guideUrl })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(and(eq(orderLines.orderId, orderId), isNotNull(products.guideUrl)))
    .orderBy(asc(orderLines.lineNo));
  const seen = new Set<string>();
  return rows.flatMap((r) =>
    r.url && !seen.has(r.url) && seen.add(r.url) ? [{ product: r.product, url: r.url }] : [],
  );
}
