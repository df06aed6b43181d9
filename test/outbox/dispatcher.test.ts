import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox, slackChannelGates } from '../../src/db/schema.ts';
import { claimDue } from '../../src/outbox/claim.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { dispatcherFor, outboxWorld } from '../support/outbox-harness.ts';

const world = outboxWorld({
  empty: [outbox, slackChannelGates],
  prepare(slack) {
    slack.addChannel({ id: 'C0PROD', name: 'production', is_member: true });
  },
});

const alert = (key: string, text: string, channel = 'C0PROD') => ({
  key,
  channel,
  effect: { kind: 'message' as const, v: 1 as const, message: { text } },
});

async function rowOf(key: string) {
  const [row] = await world.database.db.select().from(outbox).where(eq(outbox.idempotencyKey, key));
  return row;
}

describe('the outbox dispatcher', () => {
  it('posts a row answered 429 (Retry-After 1), then 500, then ok exactly once, and only after the wait', async () => {
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [alert('a1', 'Order SO-2026-000001 needs you')]);
    world.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    world.slack.failNext('chat.postMessage', { status: 500 });

    expect(await dispatcher.runOnce()).toBe(1);
    expect(await rowOf('a1')).toMatchObject({ status: 'pending', attempts: 0, lastError: 'ratelimited' });
    world.clock.advance(999);
    expect(await dispatcher.runOnce()).toBe(0);

    world.clock.advance(1);
    expect(await dispatcher.runOnce()).toBe(1);
    const afterServerError = await rowOf('a1');
    expect(afterServerError).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterServerError?.availableAt.getTime()).toBeGreaterThan(world.clock.now().getTime());

    world.clock.set(afterServerError?.availableAt ?? world.clock.now());
    expect(await dispatcher.runOnce()).toBe(1);
    const posted = world.slack.messages('C0PROD');
    expect(posted.map((m) => m.text)).toEqual(['Order SO-2026-000001 needs you']);
    expect(Number(posted[0]?.ts) * 1000).toBeGreaterThanOrEqual(new Date('2026-11-27T10:00:01Z').getTime());
    expect(await rowOf('a1')).toMatchObject({ status: 'sent', slackTs: posted[0]?.ts, attempts: 2 });
    expect(world.slack.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('sends one message a second per channel, in the order they were written', async () => {
    world.slack.addChannel({ id: 'C0QA', name: 'qa', is_member: true });
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [
      alert('p1', 'first'),
      alert('p2', 'second'),
      alert('q1', 'qa first', 'C0QA'),
    ]);

    expect(await dispatcher.runOnce()).toBe(2);
    expect(await dispatcher.runOnce()).toBe(0);
    world.clock.advance(1000);
    expect(await dispatcher.runOnce()).toBe(1);
    expect(world.slack.messages('C0PROD').map((m) => m.text)).toEqual(['first', 'second']);
    expect(world.slack.messages('C0QA').map((m) => m.text)).toEqual(['qa first']);
  });

  it('three Home refreshes queued for one person become one views.publish, without waiting a second per refresh', async () => {
    world.slack.addUser({ id: 'U0ANN', name: 'ann' });
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    const home = (key: string) => ({
      key,
      channel: 'home:U0ANN',
      effect: { kind: 'home' as const, v: 1 as const, userId: 'U0ANN' },
    });
    await enqueue(world.database.db, world.clock.now(), [home('h1'), home('h2'), home('h3')]);

    // The clock stands still: the two superseded rows give their slot back at once.
    while ((await dispatcher.runOnce()) > 0);
    expect(world.slack.callsTo('views.publish')).toHaveLength(1);
    expect((await world.database.db.select().from(outbox)).map((r) => r.status)).toEqual([
      'sent',
      'sent',
      'sent',
    ]);
  });

  it('marks a row Slack refuses for good as dead, records and logs why, and goes on with the next', async () => {
    const { dispatcher, logs } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [
      alert('gone', 'to nowhere', 'C0GONE'),
      alert('ok', 'fine'),
    ]);
    await dispatcher.runOnce();
    expect(await rowOf('gone')).toMatchObject({ status: 'dead', lastError: 'channel_not_found' });
    expect(logs.some((l) => l.includes('channel_not_found') && l.includes('dead'))).toBe(true);
    expect(world.slack.messages('C0PROD').map((m) => m.text)).toEqual(['fine']);
  });

  it('a dispatcher that died between claiming and sending loses nothing: the row goes out once its lease ends', async () => {
    await enqueue(world.database.db, world.clock.now(), [alert('crash', 'survives a crash')]);
    const claimed = await claimDue(world.database.db, {
      now: world.clock.now(),
      workerId: 'dead-worker',
      limit: 10,
      leaseMs: 60_000,
    });
    expect(claimed).toHaveLength(1);

    const { dispatcher: restarted } = dispatcherFor(world.database.db, world.slack, world.clock, 'restarted');
    world.clock.advance(30_000);
    expect(await restarted.runOnce()).toBe(0);
    world.clock.advance(30_001);
    expect(await restarted.runOnce()).toBe(1);
    expect(world.slack.messages('C0PROD').map((m) => m.text)).toEqual(['survives a crash']);
    expect(await rowOf('crash')).toMatchObject({ status: 'sent', lockedBy: null });
  });

  it('a worker whose lease ran out cannot overwrite what the new holder recorded', async () => {
    await enqueue(world.database.db, world.clock.now(), [alert('fenced', 'once')]);
    await claimDue(world.database.db, { now: world.clock.now(), workerId: 'slow', limit: 10, leaseMs: 1000 });
    world.clock.advance(1001);
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock, 'fresh');
    await dispatcher.runOnce();
    const { markDead } = await import('../../src/outbox/outcomes.ts');
    await markDead(world.database.db, (await rowOf('fenced'))?.id ?? 0, 'slow', 'late failure');
    expect(await rowOf('fenced')).toMatchObject({ status: 'sent', lastError: null });
  });

  it('enqueuing the same effect twice sends it once', async () => {
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [alert('same', 'only once')]);
    await enqueue(world.database.db, world.clock.now(), [alert('same', 'only once')]);
    await dispatcher.runOnce();
    world.clock.advance(1000);
    await dispatcher.runOnce();
    expect(world.slack.messages('C0PROD')).toHaveLength(1);
  });

  it('opens the DM when the target is a person', async () => {
    world.slack.addUser({ id: 'U0ADMIN', name: 'ada' });
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await enqueue(world.database.db, world.clock.now(), [alert('dm', 'just for you', 'U0ADMIN')]);
    await dispatcher.runOnce();
    const open = world.slack.callsTo('conversations.open');
    expect(open).toHaveLength(1);
    const dm = String(world.slack.callsTo('chat.postMessage')[0]?.args.channel);
    expect(dm).toMatch(/^D/);
    expect(world.slack.messages(dm).map((m) => m.text)).toEqual(['just for you']);
  });
});
