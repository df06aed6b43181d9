import { WebClient } from '@slack/web-api';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  customers,
  orders,
  outbox,
  products,
  slackChannelGates,
  slackMessages,
} from '../../src/db/schema.ts';
import { claimDue } from '../../src/outbox/claim.ts';
import { enqueue, textMessage } from '../../src/outbox/enqueue.ts';
import { startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { botToken, dispatcherFor, outboxWorld } from '../support/outbox-harness.ts';
import { cardEffect, ordersWithCardsIn, threadLine } from '../support/outbox-orders.ts';

const world = outboxWorld({
  empty: [outbox, slackChannelGates, orders, customers, products],
  prepare(slack) {
    slack.addChannel({ id: 'C0PROD', name: 'production', is_member: true });
  },
});

async function rowOf(key: string) {
  const [row] = await world.database.db.select().from(outbox).where(eq(outbox.idempotencyKey, key));
  return row;
}

/** Runs the dispatcher until nothing is left to send, a second of the injected clock per round. */
async function drain(dispatcher: { runOnce(): Promise<number> }) {
  for (let round = 0; round < 600; round++) {
    await dispatcher.runOnce();
    const [left] = await world.database.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(eq(outbox.status, 'pending'));
    const [sending] = await world.database.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(eq(outbox.status, 'sending'));
    if (!left && !sending) return;
    world.clock.advance(1000);
  }
  throw new Error('the outbox did not drain');
}

describe('a post whose answer was lost', () => {
  it('Slack stored the alert but the connection reset: the retry finds it in the history and does not post it again', async () => {
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [
      textMessage('a1', 'C0PROD', 'Order SO-2026-000001 needs you'),
    ]);
    world.slack.failNext('chat.postMessage', { lostResponse: true });

    await drain(dispatcher);

    const posted = world.slack.messages('C0PROD');
    expect(posted.map((m) => m.text)).toEqual(['Order SO-2026-000001 needs you']);
    const row = await rowOf('a1');
    expect(posted[0]?.metadata).toEqual({
      event_type: 'orderdesk_effect',
      event_payload: { outbox_id: row?.id },
    });
    expect(row).toMatchObject({ status: 'sent', slackTs: posted[0]?.ts, attempts: 2 });
    expect(world.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(world.slack.callsTo('conversations.history')[0]?.args).toMatchObject({
      channel: 'C0PROD',
      include_all_metadata: 'true',
    });
  });

  it('a 500 before Slack stored anything: the lookup finds nothing and the alert is posted once', async () => {
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [textMessage('a1', 'C0PROD', 'once')]);
    world.slack.failNext('chat.postMessage', { status: 500 });

    await drain(dispatcher);

    expect(world.slack.messages('C0PROD').map((m) => m.text)).toEqual(['once']);
    expect(world.slack.callsTo('conversations.history')).toHaveLength(1);
  });

  it('a 429 says nothing was posted: the retry posts without looking', async () => {
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [textMessage('a1', 'C0PROD', 'paced')]);
    world.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });

    await drain(dispatcher);

    expect(world.slack.messages('C0PROD').map((m) => m.text)).toEqual(['paced']);
    expect(world.slack.callsTo('conversations.history')).toHaveLength(0);
  });

  it('a DM whose answer was lost is looked for in the DM, and not sent twice', async () => {
    world.slack.addUser({ id: 'U0ADMIN', name: 'ada' });
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [textMessage('dm', 'U0ADMIN', 'just for you')]);
    world.slack.failNext('chat.postMessage', { lostResponse: true });

    await drain(dispatcher);

    const dm = String(world.slack.callsTo('chat.postMessage')[0]?.args.channel);
    expect(world.slack.messages(dm).map((m) => m.text)).toEqual(['just for you']);
    expect(world.slack.callsTo('conversations.history')[0]?.args.channel).toBe(dm);
  });

  it('an order card whose answer was lost is adopted: its ts is recorded and the next change updates it in place', async () => {
    const [orderId = 0] = await ordersWithCardsIn(world.database.db, ['C0PROD'], 1);
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [cardEffect('card1', 'C0PROD', orderId)]);
    world.slack.failNext('chat.postMessage', { lostResponse: true });
    await drain(dispatcher);
    await enqueue(world.database.db, world.clock.now(), [cardEffect('card2', 'C0PROD', orderId)]);
    await drain(dispatcher);

    const posted = world.slack.messages('C0PROD');
    expect(posted).toHaveLength(1);
    const [card] = await world.database.db
      .select()
      .from(slackMessages)
      .where(and(eq(slackMessages.orderId, orderId), eq(slackMessages.channel, 'C0PROD')));
    expect(card?.ts).toBe(posted[0]?.ts);
    expect(world.slack.callsTo('chat.update').map((c) => c.args.ts)).toEqual([posted[0]?.ts]);
  });

  it('a thread line whose answer was lost is looked for in the thread, and the thread has it once', async () => {
    const [orderId = 0] = await ordersWithCardsIn(world.database.db, ['C0PROD'], 1);
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [cardEffect('card', 'C0PROD', orderId)]);
    await drain(dispatcher);
    await enqueue(world.database.db, world.clock.now(), [
      threadLine('line', 'C0PROD', orderId, 'Accepted by Piotr'),
    ]);
    world.slack.failNext('chat.postMessage', { lostResponse: true });
    await drain(dispatcher);

    const [card, ...replies] = world.slack.messages('C0PROD');
    expect(replies.map((m) => [m.text, m.thread_ts])).toEqual([['Accepted by Piotr', card?.ts]]);
    expect(world.slack.callsTo('conversations.replies')[0]?.args).toMatchObject({
      channel: 'C0PROD',
      ts: card?.ts,
    });
  });

  it('a worker killed after Slack took its thread line but before recording it: the next worker adopts the line', async () => {
    const [orderId = 0] = await ordersWithCardsIn(world.database.db, ['C0PROD'], 1);
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock, 'restarted');
    await enqueue(world.database.db, world.clock.now(), [cardEffect('card', 'C0PROD', orderId)]);
    await drain(dispatcher);
    world.clock.advance(1000);
    await enqueue(world.database.db, world.clock.now(), [threadLine('line', 'C0PROD', orderId, 'Shipped')]);
    const [claimed] = await claimDue(world.database.db, {
      now: world.clock.now(),
      workerId: 'killed',
      limit: 10,
      leaseMs: 60_000,
    });
    const cardTs = world.slack.messages('C0PROD')[0]?.ts;
    // What the killed worker got through to Slack before it died.
    await new WebClient(botToken, { slackApiUrl: world.slack.apiUrl }).chat.postMessage({
      channel: 'C0PROD',
      text: 'Shipped',
      thread_ts: cardTs ?? '',
      metadata: { event_type: 'orderdesk_effect', event_payload: { outbox_id: claimed?.id ?? 0 } },
    });
    world.clock.advance(60_001);
    await drain(dispatcher);

    expect(world.slack.messages('C0PROD').filter((m) => m.text === 'Shipped')).toHaveLength(1);
    expect(await rowOf('line')).toMatchObject({ status: 'sent', lockedBy: null });
  });

  it('without the history scopes (an older install) the post is sent again rather than never, and the reason logged', async () => {
    await world.slack.stop();
    world.slack = await startFakeSlack({
      clock: world.clock,
      botToken,
      scopes: ['chat:write', 'chat:write.public', 'im:write'],
    });
    world.slack.addChannel({ id: 'C0PROD', name: 'production', is_member: true });
    const { dispatcher, logs } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [textMessage('a1', 'C0PROD', 'at least once')]);
    world.slack.failNext('chat.postMessage', { lostResponse: true });

    await drain(dispatcher);

    expect(world.slack.messages('C0PROD').map((m) => m.text)).toEqual(['at least once', 'at least once']);
    expect(logs.some((l) => l.includes('could not look for an earlier post'))).toBe(true);
    expect(await rowOf('a1')).toMatchObject({ status: 'sent' });
  });
});
