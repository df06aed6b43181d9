import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { BusinessCalendar } from '../calendar.ts';
import type { Db } from '../db/client.ts';
import { recurringSchedules } from '../db/schema.ts';
import type { JobKind } from './job-kind.ts';
import { nextRunAfter, recurrenceSchema } from './recurrence.ts';
import { schedule } from './schedule-jobs.ts';

export interface RecurringSchedule<Payload = unknown> {
  /** Stable across versions: renaming a schedule starts it afresh. */
  name: string;
  kind: JobKind<Payload>;
  /** `daily 08:00`, `workdays 09:30` or `every 15m` (see recurrence.ts). */
  rule: string;
  payload: Payload;
  /** Defaults to the business time zone. */
  timeZone?: string;
}

export function defineRecurring<Payload>(s: RecurringSchedule<Payload>): RecurringSchedule<Payload> {
  recurrenceSchema.parse(s.rule);
  return s;
}

function calendarFor(s: RecurringSchedule, calendar: BusinessCalendar): BusinessCalendar {
  return s.timeZone ? { ...calendar, timeZone: s.timeZone } : calendar;
}

/**
 * Records each schedule with its first run. A schedule already recorded keeps its next run (so a
 * restart neither skips nor repeats one) unless its rule or time zone changed.
 */
export async function registerRecurring(
  db: Db,
  schedules: readonly RecurringSchedule[],
  calendar: BusinessCalendar,
  now: Date,
): Promise<void> {
  for (const s of schedules) {
    const cal = calendarFor(s, calendar);
    const next = nextRunAfter(recurrenceSchema.parse(s.rule), now, cal);
    await db
      .insert(recurringSchedules)
      .values({ name: s.name, kind: s.kind.kind, rule: s.rule, timeZone: cal.timeZone, nextRunAt: next })
      .onConflictDoUpdate({
        target: recurringSchedules.name,
        set: {
          kind: s.kind.kind,
          rule: s.rule,
          timeZone: cal.timeZone,
          nextRunAt: sql`case when ${recurringSchedules.rule} = excluded.rule
            and ${recurringSchedules.timeZone} = excluded.time_zone
            then ${recurringSchedules.nextRunAt} else excluded.next_run_at end`,
        },
      });
  }
}

/**
 * Turns each due schedule into one job, however many runs were missed: next_run_at moves to the
 * first run after now. The move is conditional on the next run we read, so when two instances
 * see the same due schedule only one moves it and schedules the job, in one transaction.
 */
export async function fireDueRecurring(
  db: Db,
  schedules: readonly RecurringSchedule[],
  calendar: BusinessCalendar,
  now: Date,
): Promise<number> {
  if (schedules.length === 0) return 0;
  const byName = new Map(schedules.map((s) => [s.name, s]));
  const due = await db
    .select({ name: recurringSchedules.name, nextRunAt: recurringSchedules.nextRunAt })
    .from(recurringSchedules)
    .where(and(inArray(recurringSchedules.name, [...byName.keys()]), lte(recurringSchedules.nextRunAt, now)));
  let fired = 0;
  for (const row of due) {
    const s = byName.get(row.name);
    if (!s) continue;
    const next = nextRunAfter(recurrenceSchema.parse(s.rule), now, calendarFor(s, calendar));
    const won = await db.transaction(async (tx) => {
      const moved = await tx
        .update(recurringSchedules)
        .set({ nextRunAt: next, lastRunAt: now })
        .where(and(eq(recurringSchedules.name, row.name), eq(recurringSchedules.nextRunAt, row.nextRunAt)))
        .returning({ name: recurringSchedules.name });
      if (moved.length === 0) return false;
      await schedule(tx, s.kind, `${s.name}@${row.nextRunAt.toISOString()}`, now, s.payload, { now });
      return true;
    });
    if (won) fired++;
  }
  return fired;
}
