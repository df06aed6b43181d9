import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { outbox, outboxInstances, slackChannelGates } from '../../src/db/schema.ts';
import { claimDue } from '../../src/outbox/claim.ts';
import { enqueue, textMessage } from '../../src/outbox/enqueue.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { botToken, dispatcherFor } from '../support/outbox-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let slack: FakeSlack;
let clock: ManualClock;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  clock = new ManualClock('2026-11-27T10:00:00Z');
  slack = await startFakeSlack({ clock, botToken });
  slack.addChannel({ id: 'C0PROD', name: 'production', is_member: true });
  await database.db.delete(outbox);
  await database.db.delete(slackChannelGates);
  await database.db.delete(outboxInstances);
});
afterEach(() => slack.stop());

/** What a dispatcher killed with -9 leaves behind: its instance row and a claimed, unsent row. */
async function killedAfterClaiming(workerId: string) {
  const { dispatcher } = dispatcherFor(database.db, slack, clock, workerId);
  await dispatcher.register();
  const claimed = await claimDue(database.db, { now: clock.now(), workerId, limit: 10, leaseMs: 15_000 });
  expect(claimed).toHaveLength(1);
}

describe('recovery after a dispatcher is killed', () => {
  it('killed between claim and send: a restarted instance posts the card within 5 s, without waiting for the lease', async () => {
    await enqueue(database.db, clock.now(), [textMessage('card', 'C0PROD', 'Order SO-2026-000001')]);
    await killedAfterClaiming('killed');
    const killedAt = clock.now().getTime();

    clock.advance(1000);
    const { dispatcher: restarted } = dispatcherFor(database.db, slack, clock, 'restarted');
    await restarted.register();
    let postedAt: number | null = null;
    while (postedAt === null && clock.now().getTime() - killedAt < 15_000) {
      if ((await restarted.runOnce()) > 0) postedAt = clock.now().getTime();
      else clock.advance(200);
    }

    expect(slack.messages('C0PROD').map((m) => m.text)).toEqual(['Order SO-2026-000001']);
    expect((postedAt ?? Number.POSITIVE_INFINITY) - killedAt).toBeLessThanOrEqual(5000);
    const [row] = await database.db.select().from(outbox).where(eq(outbox.idempotencyKey, 'card'));
    expect(row).toMatchObject({ status: 'sent', lockedBy: null });
  });

  it('a live instance keeps its row past the lease while its heartbeat goes on, and loses it once the heartbeat stops', async () => {
    await enqueue(database.db, clock.now(), [textMessage('slow', 'C0PROD', 'slow send')]);
    const { dispatcher: alive } = dispatcherFor(database.db, slack, clock, 'alive');
    await alive.register();
    await claimDue(database.db, { now: clock.now(), workerId: 'alive', limit: 10, leaseMs: 15_000 });
    const { dispatcher: other } = dispatcherFor(database.db, slack, clock, 'other');
    await other.register();

    for (let second = 0; second < 30; second++) {
      clock.advance(1000);
      await alive.heartbeat();
      expect(await other.runOnce()).toBe(0);
    }
    clock.advance(4001);
    expect(await other.runOnce()).toBe(1);
    expect(slack.messages('C0PROD').map((m) => m.text)).toEqual(['slow send']);
  });

  it('a clean stop takes the instance off the record', async () => {
    const { dispatcher } = dispatcherFor(database.db, slack, clock, 'leaving');
    dispatcher.start();
    await dispatcher.stop();
    expect(await database.db.select().from(outboxInstances)).toEqual([]);
  });
});
