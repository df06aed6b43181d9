import { and, inArray } from 'drizzle-orm';
import type { ManualClock } from '../../src/clock.ts';
import type { Db } from '../../src/db/client.ts';
import { outbox, slackMessages } from '../../src/db/schema.ts';
import { enqueue, type OutboxEntry, textMessage } from '../../src/outbox/enqueue.ts';
import type { FakeMessage, FakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { cardEffect, ordersWithCardsIn, threadLine } from './outbox-orders.ts';
import { seededRandom } from './seeded-random.ts';

/*
 * A fault storm for the outbox: 20 orders over five channels, each with its card, seven thread
 * lines, two changes to the card and eight alerts, plus two DMs per order — 400 effects — while
 * one call in five to Slack fails: a 429, a 500, or (half of them) a response lost after Slack
 * stored the message.
 */

const channels = ['C0CH0', 'C0CH1', 'C0CH2', 'C0CH3', 'C0CH4'];
const people = ['U0ANN', 'U0BOB'];
const orderCount = 20;
const linesPerCard = 7;

export async function prepareStorm(db: Db, slack: FakeSlack, clock: ManualClock): Promise<number[]> {
  for (const id of channels) slack.addChannel({ id, name: id.toLowerCase(), is_member: true });
  for (const id of people) slack.addUser({ id, name: id.toLowerCase() });
  const orderIds = await ordersWithCardsIn(db, channels, orderCount);
  const channelOf = (i: number) => channels[i % channels.length] ?? '';
  const personOf = (i: number) => people[i % people.length] ?? '';
  const steps: ((orderId: number, i: number) => OutboxEntry)[] = [
    (o, i) => cardEffect(`card-a-${o}`, channelOf(i), o),
    (o, i) => threadLine(`line-1-${o}`, channelOf(i), o, `accepted ${o}`),
    (o, i) => textMessage(`alert-1-${o}`, channelOf(i), `alert one for ${o}`),
    (o, i) => threadLine(`line-2-${o}`, channelOf(i), o, `started ${o}`),
    (o, i) => cardEffect(`card-b-${o}`, channelOf(i), o),
    (o, i) => textMessage(`dm-1-${o}`, personOf(i), `dm one for ${o}`),
    (o, i) => threadLine(`line-3-${o}`, channelOf(i), o, `progress ${o}`),
    (o, i) => textMessage(`alert-2-${o}`, channelOf(i), `alert two for ${o}`),
    (o, i) => cardEffect(`card-c-${o}`, channelOf(i), o),
    (o, i) => threadLine(`line-4-${o}`, channelOf(i), o, `shipped ${o}`),
    (o, i) => textMessage(`dm-2-${o}`, personOf(i), `dm two for ${o}`),
    (o, i) => textMessage(`alert-3-${o}`, channelOf(i), `alert three for ${o}`),
    (o, i) => threadLine(`line-5-${o}`, channelOf(i), o, `invoiced ${o}`),
    (o, i) => textMessage(`alert-4-${o}`, channelOf(i), `alert four for ${o}`),
    (o, i) => threadLine(`line-6-${o}`, channelOf(i), o, `closed ${o}`),
    (o, i) => textMessage(`alert-5-${o}`, channelOf(i), `alert five for ${o}`),
    (o, i) => textMessage(`alert-6-${o}`, channelOf(i), `alert six for ${o}`),
    (o, i) => textMessage(`alert-7-${o}`, channelOf(i), `alert seven for ${o}`),
    (o, i) => textMessage(`alert-8-${o}`, channelOf(i), `alert eight for ${o}`),
    (o, i) => threadLine(`line-7-${o}`, channelOf(i), o, `archived ${o}`),
  ];
  await enqueue(
    db,
    clock.now(),
    steps.flatMap((step) => orderIds.map((orderId, i) => step(orderId, i))),
  );
  slack.storm({
    methods: ['chat.postMessage', 'chat.update', 'conversations.history', 'conversations.replies'],
    rate: 0.2,
    faults: [{ status: 429, retryAfter: 1 }, { status: 500 }, { lostResponse: true }, { lostResponse: true }],
    random: seededRandom(2026),
  });
  return orderIds;
}

/** Rounds of every dispatcher at once, a second of the injected clock apart, until nothing is left. */
export async function weatherStorm(
  db: Db,
  clock: ManualClock,
  dispatchers: { runOnce(): Promise<number> }[],
): Promise<void> {
  for (let round = 0; round < 3000; round++) {
    await Promise.all(dispatchers.map((d) => d.runOnce()));
    const [open] = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(inArray(outbox.status, ['pending', 'sending']))
      .limit(1);
    if (!open) return;
    clock.advance(1000);
  }
}

/** Which outbox row posted a message, from the metadata every outbox post carries. */
const outboxIdOf = (m: FakeMessage | undefined) =>
  Number((m?.metadata?.event_payload as { outbox_id?: unknown } | undefined)?.outbox_id);

export interface StormOutcome {
  effects: number;
  messages: number;
  /** Messages beyond one per card and one per line, alert or DM. */
  duplicates: number;
  /** Rows not sent, and lines, alerts and DMs Slack does not have. */
  lost: number;
  /** Cards not shown once, with all their lines in their thread, as their last change drew them. */
  badCards: number[];
}

/**
 * What Slack ended up with. A card carries the id of the row that last drew it; every other
 * message the id of the row that posted it.
 */
export async function stormOutcome(db: Db, slack: FakeSlack, orderIds: number[]): Promise<StormOutcome> {
  const rows = await db.select().from(outbox);
  const conversations = [...new Set(slack.calls.map((c) => String(c.args.channel)))];
  const messages = conversations.flatMap((c) => slack.messages(c));
  const cards = await db
    .select()
    .from(slackMessages)
    .where(and(inArray(slackMessages.orderId, orderIds), inArray(slackMessages.channel, channels)));
  const cardTs = new Set(cards.map((c) => c.ts));
  const others = messages.filter((m) => !cardTs.has(m.ts));
  const otherRows = rows.filter((r) => !r.idempotencyKey.startsWith('card-'));
  const postedIds = new Set(others.map(outboxIdOf));
  const badCards = cards
    .filter((card) => {
      const shown = slack.messages(card.channel);
      const thread = shown.filter((m) => m.thread_ts === card.ts && m.ts !== card.ts);
      const drawnBy = rows.find((r) => r.id === outboxIdOf(shown.find((m) => m.ts === card.ts)));
      return thread.length !== linesPerCard || drawnBy?.idempotencyKey !== `card-c-${card.orderId}`;
    })
    .map((card) => card.orderId);
  return {
    effects: rows.length,
    messages: messages.length,
    duplicates: messages.length - (orderIds.length + otherRows.length),
    lost:
      otherRows.filter((r) => !postedIds.has(r.id)).length +
      rows.filter((r) => r.status !== 'sent').length +
      orderIds.length -
      cards.filter((c) => c.ts !== null).length,
    badCards,
  };
}
