import { eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { slackMessages } from '../db/schema.ts';
import { together } from '../db/together.ts';
import type { CardKind } from '../outbox/effects.ts';
import { enqueue, enqueueSelected, entriesOf } from '../outbox/enqueue.ts';
import { orderHomeEntries } from './order-homes.ts';

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
  // A card is shown when an order arrives or a step opens: both change someone's App Home.
  const entries = sql`(${entriesOf([cardEntry(order, channel, card)])})
    union all (${orderHomeEntries(order, 1)})`;
  // A template: every Submit and allocation shows a card, and drizzle took 66 µs of CPU to build
  // this insert (db/table-statements.ts).
  await together(
    tx.execute(
      sql`insert into slack_messages (order_id, channel, card) values (${order.id}, ${channel}, ${card})
          on conflict do nothing`,
    ),
    enqueueSelected(tx, now, entries),
  );
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
 * Home of everyone it concerns is drawn again, unless `homes` is false because the caller
 * queues them itself.
 */
export async function refreshOrderCards(
  tx: DbOrTx,
  now: Date,
  order: { id: number; version: number },
  threadLine: string,
  { homes = true }: { homes?: boolean } = {},
): Promise<void> {
  const cards = cardEntriesWithLine(order, threadLine);
  await enqueueSelected(
    tx,
    now,
    homes ? sql`(${cards}) union all (${orderHomeEntries(order, homesAfterCards)})` : cards,
  );
}

/** Where an order's Homes come in a refresh's entries: after its cards, of which it has a handful. */
const homesAfterCards = 1_000_000;

/**
 * cardEntry for every card of the order, each order card followed by its thread line, as a
 * selection (key, channel, payload, n): reading the cards and queuing them is one statement.
 */
function cardEntriesWithLine(order: { id: number; version: number }, threadLine: string): SQL {
  const id = sql`${order.id}::bigint`;
  const version = sql`${`:v${order.version}`}::text`;
  return sql`
    select k.key, m.channel, k.payload, m.ord * 2 + k.i as n
    from (select channel, card, row_number() over (order by channel, card) as ord
          from slack_messages where order_id = ${id}) m
    cross join lateral (values
      (0, 'card:' || ${id} || ':' || m.channel || ':' || m.card || ${version},
        jsonb_build_object('kind', 'order_card', 'v', 1, 'orderId', ${id}, 'card', m.card)),
      (1, 'thread:' || ${id} || ':' || m.channel || ${version},
        jsonb_build_object('kind', 'card_thread', 'v', 1, 'orderId', ${id}, 'text', ${threadLine}::text))
    ) as k(i, key, payload)
    where k.i = 0 or m.card = 'order'`;
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
