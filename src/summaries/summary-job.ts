import { z } from 'zod';
import type { BusinessCalendar } from '../calendar.ts';
import type { DbOrTx } from '../db/client.ts';
import { defineJobKind } from '../scheduler/job-kind.ts';
import { deskChannel } from '../setup/desk-calendar-store.ts';
import { queueSummary } from './send-summary.ts';
import { cachedTimeZone, isManager, preferenceOf } from './summary-store.ts';
import { lastSendAtOrBefore, nextSendAfter, type SummaryRule } from './summary-times.ts';

export const summaryTarget = z.discriminatedUnion('to', [
  z.object({ to: z.literal('person'), userId: z.string().regex(/^[UW][A-Z0-9]{2,}$/) }),
  z.object({ to: z.literal('channel'), cadence: z.enum(['daily', 'weekly']) }),
]);
export type SummaryTarget = z.infer<typeof summaryTarget>;

/** The managers' channel gets the summaries at this hour of the business day. */
export const channelHour = 8;

/** The job key of a target's summaries. */
export const summaryKey = (t: SummaryTarget) =>
  t.to === 'person' ? `manager:${t.userId}` : `channel:${t.cadence}`;

/**
 * Where a target's summary goes and on what rule, as the database has it now; null when it gets
 * none (a manager who chose none or is no longer one, the channel not set up).
 */
export async function summaryRoute(
  db: DbOrTx,
  target: SummaryTarget,
  calendar: BusinessCalendar,
): Promise<{ channel: string; rule: SummaryRule } | null> {
  if (target.to === 'channel') {
    const channel = await deskChannel(db, 'managers');
    return channel
      ? { channel, rule: { cadence: target.cadence, hour: channelHour, timeZone: calendar.timeZone } }
      : null;
  }
  if (!(await isManager(db, target.userId))) return null;
  const preference = await preferenceOf(db, target.userId);
  if (preference.cadence === 'none') return null;
  // A manager whose zone Slack has not told us (yet) is on the business clock.
  const timeZone = (await cachedTimeZone(db, target.userId))?.timeZone ?? calendar.timeZone;
  return { channel: target.userId, rule: { cadence: preference.cadence, hour: preference.hour, timeZone } };
}

/**
 * `summary.send`: one target's summaries. Each run sends the latest one due (one, however long
 * the bot was down) and comes back at the next send time; it finishes when the target gets none.
 */
export const summaryJob = defineJobKind({
  kind: 'summary.send',
  payload: summaryTarget,
  async handle(ctx, target, tx) {
    const route = await summaryRoute(tx, target, ctx.calendar);
    if (!route) return;
    const sendAt = lastSendAtOrBefore(route.rule, ctx.calendar, ctx.now);
    await queueSummary(tx, { ...route, calendar: ctx.calendar, sendAt, now: ctx.now });
    return { rescheduleAt: nextSendAfter(route.rule, ctx.calendar, ctx.now) };
  },
});
