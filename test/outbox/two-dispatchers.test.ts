import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { openDatabase } from '../../src/db/client.ts';
import { outbox } from '../../src/db/schema.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { botToken, dispatcherFor } from '../support/outbox-harness.ts';
import { prepareStorm, stormOutcome, weatherStorm } from '../support/outbox-storm.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-database.ts';

/*
 * Concurrency across instances needs several connections, which PGlite (one connection, one
 * process) cannot have: this runs in the Postgres pass of the suite.
 */
describe.runIf(onPostgres)('two instances on one Postgres', () => {
  let database: TestDatabase;
  let slack: FakeSlack;

  beforeAll(async () => {
    database = await createTestDatabase();
    slack = await startFakeSlack({ botToken });
  });
  afterAll(async () => {
    await slack.stop();
    await database.close();
  });

  it('never post a row twice, and between them post every row, each channel in order', async () => {
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    const channels = Array.from({ length: 10 }, (_, i) => `C0CH${i}`);
    for (const id of channels) slack.addChannel({ id, name: id.toLowerCase(), is_member: true });
    const entries = Array.from({ length: 200 }, (_, i) => ({
      key: `m${i}`,
      channel: channels[i % channels.length] ?? 'C0CH0',
      effect: { kind: 'message' as const, v: 1 as const, message: { text: `message ${i}` } },
    }));
    await enqueue(database.db, clock.now(), entries);

    const second = await openDatabase({ kind: 'postgres', url: database.url ?? '' });
    const a = dispatcherFor(database.db, slack, clock, 'instance-a').dispatcher;
    const b = dispatcherFor(second.db, slack, clock, 'instance-b').dispatcher;
    try {
      for (let round = 0; round < 40; round++) {
        await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
        clock.advance(1000);
      }
    } finally {
      await second.close();
    }

    const posted = channels.flatMap((c) => slack.messages(c).map((m) => m.text));
    expect(posted).toHaveLength(200);
    expect(new Set(posted).size).toBe(200);
    for (const [i, channel] of channels.entries()) {
      const expected = entries.filter((e) => e.channel === channel).map((e) => e.effect.message.text);
      expect(
        slack.messages(channel).map((m) => m.text),
        `channel ${i}`,
      ).toEqual(expected);
    }
    const rows = await database.db.select({ status: outbox.status }).from(outbox);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it.each([2, 3])(
    '%i instances under a fault storm (429s, 500s, responses lost after store): nothing posted twice, nothing lost, every card updated in place',
    async (instances) => {
      const clock = new ManualClock('2026-11-27T10:00:00Z');
      const stormDb = await createTestDatabase();
      const stormSlack = await startFakeSlack({ clock, botToken });
      const pools = await Promise.all(
        Array.from({ length: instances - 1 }, () =>
          openDatabase({ kind: 'postgres', url: stormDb.url ?? '' }),
        ),
      );
      try {
        const orderIds = await prepareStorm(stormDb.db, stormSlack, clock);
        const dispatchers = [stormDb, ...pools].map(
          (pool, i) => dispatcherFor(pool.db, stormSlack, clock, `instance-${i}`).dispatcher,
        );
        await weatherStorm(stormDb.db, clock, dispatchers);

        const outcome = await stormOutcome(stormDb.db, stormSlack, orderIds);
        console.info(`fault storm, ${instances} instances: ${JSON.stringify(outcome)}`);
        expect(outcome).toMatchObject({ effects: 400, duplicates: 0, lost: 0, badCards: [] });
      } finally {
        await Promise.all(pools.map((pool) => pool.close()));
        await stormSlack.stop();
        await stormDb.close();
      }
    },
    240_000,
  );
});
