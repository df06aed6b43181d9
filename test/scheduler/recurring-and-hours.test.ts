import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { recurringSchedules } from '../../src/db/schema.ts';
import { defineJobKind } from '../../src/scheduler/job-kind.ts';
import { defineRecurring } from '../../src/scheduler/recurring.ts';
import { schedule } from '../../src/scheduler/schedule-jobs.ts';
import { jobRow, noteKind, outboxTexts, schedulerFor, utcOfficeHours } from '../support/scheduler-world.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('recurring schedules and business hours', () => {
  let database: TestDatabase;
  let clock: ManualClock;

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  const digest = defineRecurring({
    name: 'morning-digest',
    kind: noteKind,
    rule: 'daily 08:00',
    payload: { channel: 'C0DIGEST', text: 'good morning' },
  });

  it('a daily schedule missed for three days while every instance was down fires once after restart', async () => {
    clock = new ManualClock('2026-11-23T07:00:00Z');
    const before = schedulerFor(database.db, clock, { recurring: [digest] }).scheduler;
    await before.start();
    await before.stop();
    expect(await database.db.select().from(recurringSchedules)).toMatchObject([
      { name: 'morning-digest', nextRunAt: new Date('2026-11-23T08:00:00Z'), lastRunAt: null },
    ]);

    clock.set('2026-11-26T10:30:00Z');
    const after = schedulerFor(database.db, clock, { recurring: [digest] }).scheduler;
    await after.start();
    await after.stop();
    await after.tick();

    expect(await outboxTexts(database.db, 'C0DIGEST')).toEqual(['good morning']);
    expect(await database.db.select().from(recurringSchedules)).toMatchObject([
      { nextRunAt: new Date('2026-11-27T08:00:00Z'), lastRunAt: new Date('2026-11-26T10:30:00Z') },
    ]);
    clock.set('2026-11-27T08:00:00Z');
    await after.tick();
    expect(await outboxTexts(database.db, 'C0DIGEST')).toEqual(['good morning', 'good morning']);
  });

  it('two instances that both see a schedule due fire it once between them', async () => {
    clock = new ManualClock('2026-11-23T07:00:00Z');
    const a = schedulerFor(database.db, clock, { recurring: [digest], workerId: 'a' }).scheduler;
    const b = schedulerFor(database.db, clock, { recurring: [digest], workerId: 'b' }).scheduler;
    await a.start();
    await b.start();
    await a.stop();
    await b.stop();
    clock.set('2026-11-23T08:00:00Z');
    const reports = await Promise.all([a.tick(), b.tick()]);
    expect(reports.map((r) => r.recurring).sort()).toEqual([0, 1]);
    expect(await outboxTexts(database.db, 'C0DIGEST')).toEqual(['good morning']);
  });

  it('a changed rule takes effect at the next start; an unchanged one keeps its next run', async () => {
    clock = new ManualClock('2026-11-23T07:00:00Z');
    const first = schedulerFor(database.db, clock, { recurring: [digest] }).scheduler;
    await first.start();
    await first.stop();
    clock.set('2026-11-23T07:30:00Z');
    const later = defineRecurring({ ...digest, rule: 'workdays 10:00', timeZone: 'Europe/Berlin' });
    const second = schedulerFor(database.db, clock, { recurring: [later] }).scheduler;
    await second.start();
    await second.stop();
    expect(await database.db.select().from(recurringSchedules)).toMatchObject([
      { rule: 'workdays 10:00', timeZone: 'Europe/Berlin', nextRunAt: new Date('2026-11-23T09:00:00Z') },
    ]);
  });

  it('a job scheduled as low urgency, due on a Saturday, waits until Monday 09:00 in the business time zone', async () => {
    const calendar = { ...utcOfficeHours, timeZone: 'Europe/Berlin' };
    clock = new ManualClock('2026-11-28T11:00:00Z'); // Saturday noon in Berlin
    const { scheduler } = schedulerFor(database.db, clock, { calendar });
    await schedule(
      database.db,
      noteKind,
      'weekly-tidy',
      clock.now(),
      { channel: 'C0Q', text: 'tidy' },
      {
        now: clock.now(),
        urgency: 'low',
      },
    );
    await schedule(
      database.db,
      noteKind,
      'urgent',
      clock.now(),
      { channel: 'C0Q', text: 'now' },
      {
        now: clock.now(),
      },
    );

    expect(await scheduler.tick()).toMatchObject({ held: 1, done: 1 });
    expect(await outboxTexts(database.db, 'C0Q')).toEqual(['now']);
    const held = await jobRow(database.db, 'test.note', 'weekly-tidy');
    expect(held).toMatchObject({ status: 'scheduled', attempts: 0, runAt: new Date('2026-11-30T08:00:00Z') });

    clock.set('2026-11-30T07:59:59Z');
    await scheduler.tick();
    expect(await outboxTexts(database.db, 'C0Q')).toEqual(['now']);
    clock.set('2026-11-30T08:00:00Z');
    expect((await scheduler.tick()).done).toBe(1);
    expect(await outboxTexts(database.db, 'C0Q')).toEqual(['now', 'tidy']);
  });

  it('a kind that says nothing of its version or urgency is version 1 and runs at any hour', () => {
    expect(noteKind).toMatchObject({ version: 1, urgency: 'normal' });
    expect(defineJobKind({ ...noteKind, kind: 'test.v2', version: 2 }).version).toBe(2);
  });

  it('a kind can be low urgency for all its jobs', async () => {
    const digestKind = defineJobKind({ ...noteKind, kind: 'test.low-note', urgency: 'low' });
    clock = new ManualClock('2026-11-27T18:00:00Z'); // Friday evening
    const { scheduler } = schedulerFor(database.db, clock, { kinds: [digestKind] });
    await schedule(
      database.db,
      digestKind,
      'k',
      clock.now(),
      { channel: 'C0L', text: 'monday' },
      {
        now: clock.now(),
      },
    );
    expect((await scheduler.tick()).held).toBe(1);
    expect((await jobRow(database.db, 'test.low-note', 'k')).runAt).toEqual(new Date('2026-11-30T09:00:00Z'));
  });
});
