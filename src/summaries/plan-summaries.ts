import { z } from 'zod';
import { type BusinessCalendar, localTime } from '../calendar.ts';
import type { DbOrTx } from '../db/client.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { defineJobKind } from '../scheduler/job-kind.ts';
import { defineRecurring } from '../scheduler/recurring.ts';
import { cancel, pendingJob, reschedule, schedule } from '../scheduler/schedule-jobs.ts';
import { type SummaryTarget, summaryJob, summaryKey, summaryRoute } from './summary-job.ts';
import { cachedTimeZone, managerIds } from './summary-store.ts';
import { nextSendAfter } from './summary-times.ts';

/** A time zone looked up this long ago is asked for again (people travel, move, fix their profile). */
const timeZoneMaxAgeMs = 7 * 86_400_000;

/**
 * Makes a target's summary job match what the database says now: scheduled at the next send
 * time, moved when the hour, cadence or time zone changed, cancelled when it gets none. A job
 * already due is left to run.
 */
export async function planSummary(
  tx: DbOrTx,
  target: SummaryTarget,
  calendar: BusinessCalendar,
  now: Date,
): Promise<Date | null> {
  const key = summaryKey(target);
  const route = await summaryRoute(tx, target, calendar);
  const job = await pendingJob(tx, summaryJob.kind, key);
  if (!route) {
    if (job) await cancel(tx, summaryJob.kind, key, now);
    return null;
  }
  const next = nextSendAfter(route.rule, calendar, now);
  if (!job) await schedule(tx, summaryJob, key, next, target, { now });
  else if (job.status === 'scheduled' && job.runAt > now && job.runAt.getTime() !== next.getTime())
    await reschedule(tx, summaryJob.kind, key, next);
  return next;
}

/**
 * `summary.plan`: every manager (and the managers' channel) has its summary job, at the right
 * time of their own clock; a manager whose time zone is unknown or old is looked up through
 * the outbox (users.info), and planned again once it is known.
 */
export const summaryPlanJob = defineJobKind({
  kind: 'summary.plan',
  payload: z.object({}),
  async handle(ctx, _payload, tx) {
    const today = localTime(ctx.now, ctx.calendar.timeZone).date;
    for (const userId of await managerIds(tx)) {
      const known = await cachedTimeZone(tx, userId);
      if (!known || ctx.now.getTime() - known.checkedAt.getTime() > timeZoneMaxAgeMs) {
        await enqueue(tx, ctx.now, [
          {
            key: `tz:${userId}:${today}`,
            channel: `tz:${userId}`,
            effect: { kind: 'time_zone', v: 1, userId },
          },
        ]);
      }
      await planSummary(tx, { to: 'person', userId }, ctx.calendar, ctx.now);
    }
    for (const cadence of ['daily', 'weekly'] as const)
      await planSummary(tx, { to: 'channel', cadence }, ctx.calendar, ctx.now);
  },
});

export const summaryPlan = defineRecurring({
  name: 'summaries',
  kind: summaryPlanJob,
  rule: 'every 15m',
  payload: {},
});
