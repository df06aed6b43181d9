import { ManualClock } from '../../src/clock.ts';
import type { Db } from '../../src/db/client.ts';
import { outbox, slackMessages } from '../../src/db/schema.ts';
import { createOrder } from '../../src/orders/create-order.ts';
import type { OutboxEntry } from '../../src/outbox/enqueue.ts';
import { aContext, aCustomer, aProduct } from './factories.ts';

/**
 * Orders whose cards the outbox test will show, in the channels given, with none of the effects
 * creating them queued: the test queues the cards and thread lines it wants.
 */
export async function ordersWithCardsIn(db: Db, channels: string[], count: number): Promise<number[]> {
  const customer = await aCustomer(db);
  const product = await aProduct(db);
  const ctx = aContext(db, new ManualClock('2026-11-27T09:00:00Z'), 'UTC');
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const order = await createOrder(ctx, {
      customerId: customer.id,
      deliveryDate: '2026-12-20',
      paymentMethod: 'net30',
      ownerId: 'U0ADMIN',
      lines: [{ productId: product.id, spec: 'blue', quantity: 10, unitPriceCents: 1250 }],
    });
    const channel = channels[i % channels.length] ?? '';
    await db.insert(slackMessages).values({ orderId: order.id, channel, card: 'order' });
    ids.push(order.id);
  }
  await db.delete(outbox);
  return ids;
}

export const cardEffect = (key: string, channel: string, orderId: number): OutboxEntry => ({
  key,
  channel,
  effect: { kind: 'order_card', v: 1, orderId, card: 'order' },
});

export const threadLine = (key: string, channel: string, orderId: number, text: string): OutboxEntry => ({
  key,
  channel,
  effect: { kind: 'card_thread', v: 1, orderId, text },
});
