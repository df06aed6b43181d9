import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { BusinessCalendar } from '../../src/calendar.ts';
import type { ManualClock } from '../../src/clock.ts';
import type { Db } from '../../src/db/client.ts';
import { outbox, scheduledJobs } from '../../src/db/schema.ts';
import { createLogger } from '../../src/logger.ts';
import { enqueue, textMessage } from '../../src/outbox/enqueue.ts';
import { defineJobKind, type JobKind } from '../../src/scheduler/job-kind.ts';
import type { RecurringSchedule } from '../../src/scheduler/recurring.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';

export const utcOfficeHours: BusinessCalendar = {
  timeZone: 'UTC',
  workdays: [1, 2, 3, 4, 5],
  opensAt: 9 * 60,
  closesAt: 17 * 60,
  holidays: [],
};

/** A test-only kind: posts its text to a channel through the outbox, in the job's transaction. */
export const noteKind = defineJobKind({
  kind: 'test.note',
  payload: z.object({ channel: z.string(), text: z.string() }),
  async handle(ctx, payload, tx) {
    await enqueue(tx, ctx.now, [
      textMessage(`test.note:${ctx.key}:${ctx.runAt.toISOString()}`, payload.channel, payload.text),
    ]);
  },
});

/** A scheduler as production builds it, on the test's clock, with its logs kept for asserts. */
export function schedulerFor(
  db: Db,
  clock: ManualClock,
  opts: {
    kinds?: JobKind<unknown>[];
    recurring?: RecurringSchedule<unknown>[];
    workerId?: string;
    calendar?: BusinessCalendar;
    configAdmins?: string[];
    batchSize?: number;
  } = {},
) {
  const logs: string[] = [];
  const scheduler = new Scheduler({
    db,
    clock,
    logger: createLogger('info', (line) => logs.push(line)),
    calendar: opts.calendar ?? utcOfficeHours,
    kinds: opts.kinds ?? [noteKind],
    recurring: opts.recurring ?? [],
    configAdmins: opts.configAdmins ?? [],
    workerId: opts.workerId,
    batchSize: opts.batchSize,
  });
  return { scheduler, logs };
}

/** What the outbox holds for one channel or person, oldest first. */
export async function outboxTexts(db: Db, channel: string): Promise<string[]> {
  const rows = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(eq(outbox.channel, channel))
    .orderBy(asc(outbox.id));
  return rows.map((r) => z.object({ message: z.object({ text: z.string() }) }).parse(r.payload).message.text);
}

export async function jobRow(db: Db, kind: string, key: string) {
  const [row] = await db
    .select()
    .from(scheduledJobs)
    .where(and(eq(scheduledJobs.kind, kind), eq(scheduledJobs.key, key)));
  if (!row) throw new Error(`no job ${kind} ${key}`);
  return row;
}
