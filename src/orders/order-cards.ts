import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { slackMessages } from '../db/schema.ts';
import { enqueue } from '../outbox/enqueue.ts';

/**
 * Asks for the order's card to be shown in a channel (or a user's DM). The dispatcher renders
 * the order as it is when it sends, so a card never shows a state older than the last change.
 */
export async function showOrderCard(
  tx: DbOrTx,
  now: Date,
  order: { id: number; version: number },
  channel: string,
): Promise<void> {
  await tx.insert(slackMessages).values({ orderId: order.id, channel }).onConflictDoNothing();
  await enqueue(tx, now, [
    {
      key: `card:${order.id}:${channel}:v${order.version}`,
      channel,
      effect: { kind: 'order_card', v: 1, orderId: order.id },
    },
  ]);
}

/** After a change: every card of the order is updated in place and gets one line in its thread. */
export async function refreshOrderCards(
  tx: DbOrTx,
  now: Date,
  order: { id: number; version: number },
  threadLine: string,
): Promise<void> {
  const cards = await tx
    .select({ channel: slackMessages.channel })
    .from(slackMessages)
    .where(eq(slackMessages.orderId, order.id));
  await enqueue(
    tx,
    now,
    cards.flatMap(({ channel }) => [
      {
        key: `card:${order.id}:${channel}:v${order.version}`,
        channel,
        effect: { kind: 'order_card', v: 1, orderId: order.id } as const,
      },
      {
        key: `thread:${order.id}:${channel}:v${order.version}`,
        channel,
        effect: { kind: 'card_thread', v: 1, orderId: order.id, text: threadLine } as const,
      },
    ]),
  );
}
