import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../src/clock.ts';
import { people, scheduledJobs } from '../../src/db/schema.ts';
import { defineJobKind } from '../../src/scheduler/job-kind.ts';
import { cancel, schedule, snooze } from '../../src/scheduler/schedule-jobs.ts';
import { jobRow, noteKind, outboxTexts, schedulerFor } from '../support/scheduler-world.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const minute = 60_000;

describe('the durable scheduler', () => {
  let database: TestDatabase;
  let clock: ManualClock;

  beforeEach(async () => {
    database = await createTestDatabase();
    clock = new ManualClock('2026-11-27T10:00:00Z'); // a Friday, in office hours
  });
  afterEach(async () => {
    await database.close();
  });

  const note = (key: string, inMs: number, text = key) =>
    schedule(
      database.db,
      noteKind,
      key,
      new Date(clock.now().getTime() + inMs),
      { channel: 'C0NOTES', text },
      {
        now: clock.now(),
      },
    );

  it('runs a job that fell due while every instance was stopped, once, when one starts again', async () => {
    const first = schedulerFor(database.db, clock).scheduler;
    await first.start();
    await note('while-away', 10 * minute);
    await first.stop();

    clock.advance(3 * 60 * minute);
    const second = schedulerFor(database.db, clock).scheduler;
    await second.start();
    await second.stop();
    await second.tick();

    expect(await outboxTexts(database.db, 'C0NOTES')).toEqual(['while-away']);
    expect((await jobRow(database.db, 'test.note', 'while-away')).status).toBe('done');
  });

  it('runs nothing before it is due', async () => {
    const { scheduler } = schedulerFor(database.db, clock);
    await note('later', 5 * minute);
    expect((await scheduler.tick()).done).toBe(0);
    clock.advance(5 * minute);
    expect((await scheduler.tick()).done).toBe(1);
  });

  it('scheduling the same key again moves the job instead of adding one, and a done job can be scheduled again', async () => {
    const { scheduler } = schedulerFor(database.db, clock);
    await note('k', 5 * minute, 'first text');
    await note('k', 20 * minute, 'moved text');
    clock.advance(10 * minute);
    await scheduler.tick();
    expect(await outboxTexts(database.db, 'C0NOTES')).toEqual([]);
    clock.advance(10 * minute);
    await scheduler.tick();
    await note('k', 5 * minute, 'again');
    clock.advance(5 * minute);
    await scheduler.tick();
    expect(await outboxTexts(database.db, 'C0NOTES')).toEqual(['moved text', 'again']);
    expect(await database.db.$count(scheduledJobs)).toBe(1);
  });

  it('snoozing moves the job later; a cancelled job never runs', async () => {
    const { scheduler } = schedulerFor(database.db, clock);
    await note('snoozed', 5 * minute);
    await note('cancelled', 5 * minute);
    expect(await snooze(database.db, 'test.note', 'snoozed', 30 * minute, clock.now())).toBe(true);
    expect(await cancel(database.db, 'test.note', 'cancelled', clock.now())).toBe(true);
    expect((await jobRow(database.db, 'test.note', 'snoozed')).runAt).toEqual(
      new Date('2026-11-27T10:35:00Z'),
    );

    clock.advance(5 * minute);
    await scheduler.tick();
    expect(await outboxTexts(database.db, 'C0NOTES')).toEqual([]);
    clock.advance(30 * minute);
    await scheduler.tick();
    expect(await outboxTexts(database.db, 'C0NOTES')).toEqual(['snoozed']);
    expect((await jobRow(database.db, 'test.note', 'cancelled')).status).toBe('cancelled');
  });

  it('a job may ask to run again later instead of being done', async () => {
    let runs = 0;
    const twice = defineJobKind({
      kind: 'test.twice',
      version: 1,
      payload: z.object({}),
      urgency: 'normal',
      async handle(ctx) {
        runs++;
        return runs === 1 ? { rescheduleAt: new Date(ctx.now.getTime() + minute) } : undefined;
      },
    });
    const { scheduler } = schedulerFor(database.db, clock, { kinds: [twice] });
    await schedule(database.db, twice, 'x', clock.now(), {}, { now: clock.now() });
    expect((await scheduler.tick()).rescheduled).toBe(1);
    expect((await jobRow(database.db, 'test.twice', 'x')).status).toBe('scheduled');
    clock.advance(minute);
    expect((await scheduler.tick()).done).toBe(1);
    expect(runs).toBe(2);
  });

  describe('when a job cannot be done', () => {
    beforeEach(async () => {
      await database.db.insert(people).values([
        { slackUserId: 'U0ADA', name: 'Ada', roles: ['admin'], updatedAt: clock.now() },
        { slackUserId: 'U0PIOTR', name: 'Piotr', roles: ['member'], updatedAt: clock.now() },
      ]);
    });

    it('retries a failing job with growing delays, then gives it up and tells each admin once', async () => {
      const tries: Date[] = [];
      const failing = defineJobKind({
        kind: 'test.failing',
        version: 1,
        payload: z.object({}),
        urgency: 'normal',
        async handle(ctx, _payload, tx) {
          tries.push(ctx.now);
          await tx.insert(people).values({ slackUserId: `U0GHOST${tries.length}`, updatedAt: ctx.now });
          throw new Error('the warehouse system did not answer');
        },
      });
      const { scheduler } = schedulerFor(database.db, clock, {
        kinds: [failing],
        configAdmins: ['U0CONFIG'],
      });
      await schedule(database.db, failing, 'doomed', clock.now(), {}, { now: clock.now() });

      // Each time, the clock goes straight to when the job is due again.
      for (let i = 0; i < 20; i++) {
        await scheduler.tick();
        const job = await jobRow(database.db, 'test.failing', 'doomed');
        if (job.status !== 'scheduled') break;
        clock.set(job.runAt);
      }

      expect(tries).toHaveLength(10);
      const gaps = tries.slice(1).map((t, i) => (t.getTime() - (tries[i]?.getTime() ?? 0)) / 1000);
      expect(gaps.slice(0, 5).map(Math.round)).toEqual([3, 7, 20, 55, 148]);
      expect(Math.max(...gaps)).toBe(300);
      const job = await jobRow(database.db, 'test.failing', 'doomed');
      expect(job.status).toBe('dead');
      expect(job.lastError).toBe('the warehouse system did not answer');
      for (const admin of ['U0ADA', 'U0CONFIG']) {
        const told = await outboxTexts(database.db, admin);
        expect(told).toHaveLength(1);
        expect(told[0]).toContain('test.failing “doomed”');
        expect(told[0]).toContain('the warehouse system did not answer');
      }
      expect(await outboxTexts(database.db, 'U0PIOTR')).toEqual([]);
      // The failed tries' writes rolled back with them.
      expect(await database.db.$count(people)).toBe(2);
    });

    it('gives up at once, with the reason, a job whose payload no longer parses', async () => {
      const { scheduler } = schedulerFor(database.db, clock);
      await database.db.insert(scheduledJobs).values({
        kind: 'test.note',
        key: 'old-shape',
        runAt: clock.now(),
        payload: { room: 'C0NOTES', words: 'from an older version' },
        createdAt: clock.now(),
      });
      expect((await scheduler.tick()).dead).toBe(1);
      const job = await jobRow(database.db, 'test.note', 'old-shape');
      expect(job.status).toBe('dead');
      expect(job.attempts).toBe(1);
      expect(job.lastError).toMatch(/payload no longer parses.*channel/s);
      const [told] = await outboxTexts(database.db, 'U0ADA');
      expect(told).toContain('payload no longer parses');
      clock.advance(60 * minute);
      expect((await scheduler.tick()).dead).toBe(0);
      expect(await outboxTexts(database.db, 'U0ADA')).toHaveLength(1);
    });

    it('gives up at once a job of a kind this version does not know, or of another payload version', async () => {
      const { scheduler } = schedulerFor(database.db, clock);
      await database.db.insert(scheduledJobs).values([
        { kind: 'test.retired', key: 'a', runAt: clock.now(), createdAt: clock.now() },
        {
          kind: 'test.note',
          key: 'b',
          runAt: clock.now(),
          payload: { channel: 'C0NOTES', text: 'hi' },
          payloadVersion: 2,
          createdAt: clock.now(),
        },
      ]);
      expect((await scheduler.tick()).dead).toBe(2);
      expect((await jobRow(database.db, 'test.retired', 'a')).lastError).toBe(
        'no job kind test.retired is defined in this version',
      );
      expect((await jobRow(database.db, 'test.note', 'b')).lastError).toBe(
        'its payload is version 2; test.note reads 1',
      );
      expect(await outboxTexts(database.db, 'C0NOTES')).toEqual([]);
      expect(await outboxTexts(database.db, 'U0ADA')).toHaveLength(2);
    });
  });

  it('a job whose instance died mid-run is run by another once its lease runs out', async () => {
    await note('orphan', 0);
    const { claimDueJobs } = await import('../../src/scheduler/claim-jobs.ts');
    await claimDueJobs(database.db, { now: clock.now(), workerId: 'died', limit: 10, leaseMs: 5 * minute });
    const { scheduler } = schedulerFor(database.db, clock);
    expect((await scheduler.tick()).done).toBe(0);
    clock.advance(5 * minute + 1);
    expect((await scheduler.tick()).done).toBe(1);
    expect(await outboxTexts(database.db, 'C0NOTES')).toEqual(['orphan']);
  });
});
