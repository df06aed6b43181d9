import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox, outboxInstances, slackChannelGates } from '../../src/db/schema.ts';
import { claimDue } from '../../src/outbox/claim.ts';
import { enqueue, textMessage } from '../../src/outbox/enqueue.ts';
import { dispatcherFor, outboxWorld } from '../support/outbox-harness.ts';

const world = outboxWorld({
  empty: [outbox, slackChannelGates, outboxInstances],
  prepare(slack) {
    slack.addChannel({ id: 'C0PROD', name: 'production', is_member: true });
  },
});

/** What a dispatcher killed with -9 leaves behind: its instance row and a claimed, unsent row. */
async function killedAfterClaiming(workerId: string) {
  const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock, workerId);
  await dispatcher.register();
  const claimed = await claimDue(world.database.db, {
    now: world.clock.now(),
    workerId,
    limit: 10,
    leaseMs: 15_000,
  });
  expect(claimed).toHaveLength(1);
}

describe('recovery after a dispatcher is killed', () => {
  it('killed between claim and send: a restarted instance posts the card within 5 s, without waiting for the lease', async () => {
    await enqueue(world.database.db, world.clock.now(), [
      textMessage('card', 'C0PROD', 'Order SO-2026-000001'),
    ]);
    await killedAfterClaiming('killed');
    const killedAt = world.clock.now().getTime();

    world.clock.advance(1000);
    const { dispatcher: restarted } = dispatcherFor(world.database.db, world.slack, world.clock, 'restarted');
    await restarted.register();
    let postedAt: number | null = null;
    while (postedAt === null && world.clock.now().getTime() - killedAt < 15_000) {
      if ((await restarted.runOnce()) > 0) postedAt = world.clock.now().getTime();
      else world.clock.advance(200);
    }

    expect(world.slack.messages('C0PROD').map((m) => m.text)).toEqual(['Order SO-2026-000001']);
    expect((postedAt ?? Number.POSITIVE_INFINITY) - killedAt).toBeLessThanOrEqual(5000);
    const [row] = await world.database.db.select().from(outbox).where(eq(outbox.idempotencyKey, 'card'));
    expect(row).toMatchObject({ status: 'sent', lockedBy: null });
  });

  it('a live instance keeps its row past the lease while its heartbeat goes on, and loses it once the heartbeat stops', async () => {
    await enqueue(world.database.db, world.clock.now(), [textMessage('slow', 'C0PROD', 'slow send')]);
    const { dispatcher: alive } = dispatcherFor(world.database.db, world.slack, world.clock, 'alive');
    await alive.register();
    await claimDue(world.database.db, {
      now: world.clock.now(),
      workerId: 'alive',
      limit: 10,
      leaseMs: 15_000,
    });
    const { dispatcher: other } = dispatcherFor(world.database.db, world.slack, world.clock, 'other');
    await other.register();

    for (let second = 0; second < 30; second++) {
      world.clock.advance(1000);
      await alive.heartbeat();
      expect(await other.runOnce()).toBe(0);
    }
    world.clock.advance(4001);
    expect(await other.runOnce()).toBe(1);
    expect(world.slack.messages('C0PROD').map((m) => m.text)).toEqual(['slow send']);
  });

  it('a clean stop takes the instance off the record', async () => {
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock, 'leaving');
    dispatcher.start();
    await dispatcher.stop();
    expect(await world.database.db.select().from(outboxInstances)).toEqual([]);
  });
});
