import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reminderDm } from '../../src/reminders/reminder-dm-job.ts';
import { schedule } from '../../src/scheduler/schedule-jobs.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';

describe('an ad hoc reminder (reminder.dm)', () => {
  let flow: Flow;

  beforeEach(async () => {
    flow = await startFlow();
  });
  afterEach(async () => {
    await flow.stop();
  });

  const dmTexts = () => {
    const dm = flow.slack.callsTo('chat.postMessage').map((c) => String(c.args.channel))[0];
    return dm ? flow.slack.messages(dm).map((m) => m.text) : [];
  };

  it('reaches the person by DM at its time, through the outbox, once', async () => {
    const { db } = flow.database;
    await schedule(
      db,
      reminderDm,
      'dana-call-acme',
      new Date('2026-11-27T10:30:00Z'),
      { userId: people.dana, text: 'call ACME about the bearings' },
      { now: flow.clock.now() },
    );

    await flow.desk.scheduler.tick();
    await flow.drainOutbox();
    expect(dmTexts()).toEqual([]);

    flow.clock.set('2026-11-27T10:30:00Z');
    // The bot's recurring sweeps (nudges, summaries) fall due in the same tick; each runs one job.
    const report = await flow.desk.scheduler.tick();
    expect(report.done - report.recurring).toBe(1);
    await flow.drainOutbox();
    await flow.desk.scheduler.tick();
    await flow.drainOutbox();
    expect(dmTexts()).toEqual([':alarm_clock: Reminder: call ACME about the bearings']);
  });

  it('refuses a reminder for something that is not a Slack user at scheduling time', async () => {
    await expect(
      schedule(
        flow.database.db,
        reminderDm,
        'x',
        flow.clock.now(),
        { userId: 'dana', text: 'hi' },
        {
          now: flow.clock.now(),
        },
      ),
    ).rejects.toThrow();
  });
});
