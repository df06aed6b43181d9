import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../src/clock.ts';
import { openDatabase } from '../../src/db/client.ts';
import { outbox, scheduledJobs } from '../../src/db/schema.ts';
import { enqueue, textMessage } from '../../src/outbox/enqueue.ts';
import { defineJobKind } from '../../src/scheduler/job-kind.ts';
import { cancel, schedule } from '../../src/scheduler/schedule-jobs.ts';
import { jobRow, schedulerFor } from '../support/scheduler-world.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-database.ts';

/*
 * Claiming across instances needs several connections, which PGlite (one connection, one
 * process) cannot have: this runs in the Postgres pass of the suite.
 */
describe.runIf(onPostgres)('several scheduler instances on one Postgres', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  for (const instances of [2, 3]) {
    it(`${instances} instances racing run 1,000 due jobs exactly once each`, async () => {
      await database.db.delete(scheduledJobs);
      await database.db.delete(outbox);
      const clock = new ManualClock('2026-11-27T10:00:00Z');
      const runs = new Map<string, number>();
      const counted = defineJobKind({
        kind: 'test.counted',
        version: 1,
        payload: z.object({}),
        urgency: 'normal',
        async handle(ctx, _payload, tx) {
          runs.set(ctx.key, (runs.get(ctx.key) ?? 0) + 1);
          await enqueue(tx, ctx.now, [textMessage(`counted:${ctx.key}`, 'C0RACE', ctx.key)]);
        },
      });
      await database.db.insert(scheduledJobs).values(
        Array.from({ length: 1000 }, (_, i) => ({
          kind: 'test.counted',
          key: `job-${i}`,
          runAt: new Date(clock.now().getTime() - i),
          createdAt: clock.now(),
        })),
      );

      const pools = await Promise.all(
        Array.from({ length: instances }, () => openDatabase({ kind: 'postgres', url: database.url ?? '' })),
      );
      const doneBy = pools.map(() => 0);
      try {
        const schedulers = pools.map(
          (pool, i) =>
            schedulerFor(pool.db, clock, { kinds: [counted], workerId: `instance-${i}`, batchSize: 25 })
              .scheduler,
        );
        for (let round = 0; round < 50 && runs.size < 1000; round++) {
          const reports = await Promise.all(schedulers.flatMap((s) => [s.tick(), s.tick()]));
          for (const [i, r] of reports.entries()) {
            const instance = Math.floor(i / 2);
            doneBy[instance] = (doneBy[instance] ?? 0) + r.done;
          }
        }
      } finally {
        await Promise.all(pools.map((p) => p.close()));
      }

      expect(runs.size).toBe(1000);
      expect(doneBy.reduce((a, b) => a + b)).toBe(1000);
      expect(doneBy.filter((n) => n > 0).length, 'every instance took a share').toBe(instances);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      expect(await database.db.$count(outbox)).toBe(1000);
      expect(await database.db.$count(scheduledJobs)).toBe(1000);
      const statuses = await database.db.selectDistinct({ status: scheduledJobs.status }).from(scheduledJobs);
      expect(statuses).toEqual([{ status: 'done' }]);
    });
  }

  // Cancelling while the handler's transaction is open needs a second connection, too.
  it('a job cancelled while its handler runs records nothing: its effects roll back', async () => {
    await database.db.delete(scheduledJobs);
    await database.db.delete(outbox);
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    let started: () => void = () => {};
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    let release: () => void = () => {};
    const cancelled = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = defineJobKind({
      kind: 'test.slow',
      version: 1,
      payload: z.object({}),
      urgency: 'normal',
      async handle(ctx, _payload, tx) {
        await enqueue(tx, ctx.now, [textMessage(`slow:${ctx.key}`, 'C0SLOW', 'should never be sent')]);
        started();
        await cancelled;
      },
    });
    await schedule(database.db, slow, 'meeting', clock.now(), {}, { now: clock.now() });
    const { scheduler } = schedulerFor(database.db, clock, { kinds: [slow] });

    const ticking = scheduler.tick();
    await handlerStarted;
    expect(await cancel(database.db, 'test.slow', 'meeting', clock.now())).toBe(true);
    release();

    expect((await ticking).lost).toBe(1);
    expect(await database.db.$count(outbox)).toBe(0);
    expect((await jobRow(database.db, 'test.slow', 'meeting')).status).toBe('cancelled');
  });
});
