import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { outbox, slackMessages } from '../../src/db/schema.ts';
import { enqueue, type OutboxEntry, textMessage } from '../../src/outbox/enqueue.ts';
import { type FakeMessage, type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { botToken, dispatcherFor } from '../support/outbox-harness.ts';
import { cardEffect, ordersWithCardsIn, threadLine } from '../support/outbox-orders.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const channels = ['C0CH0', 'C0CH1', 'C0CH2', 'C0CH3', 'C0CH4'];
const people = ['U0ANN', 'U0BOB'];

let database: TestDatabase;
let slack: FakeSlack;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await slack?.stop();
  await database.close();
});

/** Which outbox row posted a message, from the metadata every outbox post carries. */
const outboxIdOf = (m: FakeMessage) =>
  Number((m.metadata?.event_payload as { outbox_id?: unknown })?.outbox_id);

describe('a storm of faults: 429s, 500s and responses lost after Slack stored the post', () => {
  it('about 400 effects over five channels and two DMs, one in five calls failing: nothing posted twice, nothing lost, every card updated in place', async () => {
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    slack = await startFakeSlack({ clock, botToken });
    for (const id of channels) slack.addChannel({ id, name: id.toLowerCase(), is_member: true });
    for (const id of people) slack.addUser({ id, name: id.toLowerCase() });
    const orderIds = await ordersWithCardsIn(database.db, channels, 20);
    const channelOf = (i: number) => channels[i % channels.length] ?? '';

    // Each order: its card, thread lines, two changes to the card, more lines; alerts and DMs between.
    const steps: ((orderId: number, i: number) => OutboxEntry)[] = [
      (o, i) => cardEffect(`card-a-${o}`, channelOf(i), o),
      (o, i) => threadLine(`line-1-${o}`, channelOf(i), o, `accepted ${o}`),
      (o, i) => textMessage(`alert-1-${o}`, channelOf(i), `alert one for ${o}`),
      (o, i) => threadLine(`line-2-${o}`, channelOf(i), o, `started ${o}`),
      (o, i) => cardEffect(`card-b-${o}`, channelOf(i), o),
      (o, i) => textMessage(`dm-1-${o}`, people[i % people.length] ?? '', `dm one for ${o}`),
      (o, i) => threadLine(`line-3-${o}`, channelOf(i), o, `progress ${o}`),
      (o, i) => textMessage(`alert-2-${o}`, channelOf(i), `alert two for ${o}`),
      (o, i) => cardEffect(`card-c-${o}`, channelOf(i), o),
      (o, i) => threadLine(`line-4-${o}`, channelOf(i), o, `shipped ${o}`),
      (o, i) => textMessage(`dm-2-${o}`, people[i % people.length] ?? '', `dm two for ${o}`),
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
    const entries = steps.flatMap((step) => orderIds.map((orderId, i) => step(orderId, i)));
    await enqueue(database.db, clock.now(), entries);

    slack.storm({
      methods: ['chat.postMessage', 'chat.update', 'conversations.history', 'conversations.replies'],
      rate: 0.2,
      faults: [
        { status: 429, retryAfter: 1 },
        { status: 500 },
        { lostResponse: true },
        { lostResponse: true },
      ],
      random: seededRandom(2026),
    });
    const { dispatcher } = dispatcherFor(database.db, slack, clock);
    for (let round = 0; round < 3000; round++) {
      await dispatcher.runOnce();
      const [open] = await database.db
        .select({ id: outbox.id })
        .from(outbox)
        .where(inArray(outbox.status, ['pending', 'sending']))
        .limit(1);
      if (!open) break;
      clock.advance(1000);
    }
    slack.calm();

    const rows = await database.db.select().from(outbox);
    expect(rows).toHaveLength(entries.length);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(slack.faults.given.lostResponse).toBeGreaterThan(30);

    const conversations = [...new Set(slack.calls.map((c) => String(c.args.channel)))];
    const posts = conversations.flatMap((c) => slack.messages(c));
    // A card carries the id of the row that last drew it; every other post the id of the row that posted it.
    const cardRows = rows.filter((r) => r.idempotencyKey.startsWith('card-'));
    const otherRows = rows.filter((r) => !r.idempotencyKey.startsWith('card-'));
    const cardTs = await database.db
      .select({ channel: slackMessages.channel, ts: slackMessages.ts })
      .from(slackMessages)
      .where(inArray(slackMessages.channel, channels));
    const cards = posts.filter((m) => cardTs.some((c) => c.ts === m.ts));
    const others = posts.filter((m) => !cards.includes(m));
    expect(cards).toHaveLength(orderIds.length);
    expect(cardRows).toHaveLength(orderIds.length * 3);

    const duplicates = posts.length - (orderIds.length + otherRows.length);
    const postedIds = new Set(others.map(outboxIdOf));
    const lost =
      otherRows.filter((r) => !postedIds.has(r.id)).length + rows.filter((r) => r.status !== 'sent').length;
    expect(duplicates).toBe(0);
    expect(lost).toBe(0);
    expect(postedIds.size).toBe(others.length);

    for (const [i, orderId] of orderIds.entries()) {
      const channel = channelOf(i);
      const [card] = await database.db
        .select()
        .from(slackMessages)
        .where(and(eq(slackMessages.orderId, orderId), eq(slackMessages.channel, channel)));
      const thread = slack.messages(channel).filter((m) => m.thread_ts === card?.ts && m.ts !== card?.ts);
      expect(thread, `order ${orderId}`).toHaveLength(7);
      const drawnBy = outboxIdOf(slack.workspace.message(channel, card?.ts ?? '') as FakeMessage);
      expect(rows.find((r) => r.id === drawnBy)?.idempotencyKey, `order ${orderId}`).toBe(
        `card-c-${orderId}`,
      );
    }
    console.info(
      `fault storm: ${entries.length} effects, faults given ${JSON.stringify(slack.faults.given)}, ` +
        `${posts.length} messages, ${duplicates} duplicates, ${lost} lost`,
    );
  }, 240_000);
});
