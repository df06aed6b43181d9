import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { slackMessages } from '../db/schema.ts';
import type { CardKind } from '../outbox/effects.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { refreshOrderHomes } from './order-homes.ts';

/**
 * Asks for the order's card to be shown in a channel (or a user's DM). The dispatcher renders
 * the order as it is when it sends, so a card never shows a state older than the last change.
 */
export async function showOrderCard(
  tx: DbOrTx,
  now: Date,
  order: { id: number; version: number },
  channel: string,
  card: CardKind = 'order',
): Promise<void> {
  await tx.insert(slackMessages).values({ orderId: order.id, channel, card }).onConflictDoNothing();
  await enqueue(tx, now, [cardEntry(order, channel, card)]);
  // A card is shown when an order arrives or a step opens: both change someone's App Home.
  await refreshOrderHomes(tx, now, order);
}

/** The outbox key of a card request, around the order's id: one per channel and order version. */
export const cardKeyAround = (channel: string, card: CardKind, version: number) => ({
  before: 'card:',
  after: `:${channel}:${card}:v${version}`,
});

export const cardEffect = (orderId: number, card: CardKind) => ({
  kind: 'order_card' as const,
  v: 1 as const,
  orderId,
  card,
});

const cardEntry = (order: { id: number; version: number }, channel: string, card: CardKind) => {
  const key = cardKeyAround(channel, card, order.version);
  return { key: `${key.before}${order.id}${key.after}`, channel, effect: cardEffect(order.id, card) };
};

/**
 * After a change: every card of the order is updated in place, each order card (not the
 * finance hold card, which only shows its decision) gets one line in its thread, and the App
 * Home of everyone it concerns is drawn again.
 */
export async function refreshOrderCards(
  tx: DbOrTx,
  now: Date,
  order: { id: number; version: number },
  threadLine: string,
): Promise<void> {
  const cards = await cardsOf(tx, order.id);
  await enqueue(
    tx,
    now,
    cards.flatMap(({ channel, card }) => [
      cardEntry(order, channel, card),
      ...(card === 'order'
        ? [
            {
              key: `thread:${order.id}:${channel}:v${order.version}`,
              channel,
              effect: { kind: 'card_thread' as const, v: 1 as const, orderId: order.id, text: threadLine },
            },
          ]
        : []),
    ]),
  );
  await refreshOrderHomes(tx, now, order);
}

/**
 * Someone pressed a button on a card older than the order: its copy in Slack may be out of
 * date (an update still queued, or one Slack refused), so each card of the order is drawn
 * again, once per order version however many stale clicks there are.
 */
export async function redrawOrderCards(
  tx: DbOrTx,
  now: Date,
  order: { id: number; version: number },
): Promise<void> {
  const cards = await cardsOf(tx, order.id);
  await enqueue(
    tx,
    now,
    cards.map(({ channel, card }) => ({
      ...cardEntry(order, channel, card),
      key: `redraw:${order.id}:${channel}:${card}:v${order.version}`,
    })),
  );
}

/** Every card of the order: the channels it is shown in, and which card. */
function cardsOf(tx: DbOrTx, orderId: number) {
  return tx
    .select({ channel: slackMessages.channel, card: slackMessages.card })
    .from(slackMessages)
    .where(eq(slackMessages.orderId, orderId));
}
