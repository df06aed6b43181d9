import { addWorkingDays, type BusinessCalendar, localTime } from '../calendar.ts';
import type { DbOrTx } from '../db/client.ts';
import { mondayOf } from '../forecast/weekly-series.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { orderCardLinks } from './order-links.ts';
import { summaryFigures } from './summary-figures.ts';
import { linkedOrderIds, summaryDetails, summaryHeadline } from './summary-message.ts';
import { periodEndingAt, type SummaryRule } from './summary-times.ts';
import { weeklyInsights } from './weekly-insights.ts';

/** The capacity outlook of a summary: this many working days from its business date. */
const capacityWorkingDays = 10;

/**
 * Queues the summary sent at `sendAt` to `channel` (a person's id: their DM): the headline
 * message, and its lists as replies in its thread. Keyed by recipient, cadence and date, so
 * a second instance, a retry or a restart writes nothing new.
 */
export async function queueSummary(
  tx: DbOrTx,
  opts: { channel: string; rule: SummaryRule; calendar: BusinessCalendar; sendAt: Date; now: Date },
): Promise<void> {
  const { rule, calendar } = opts;
  const period = periodEndingAt(rule, calendar, opts.sendAt);
  const today = localTime(opts.sendAt, calendar.timeZone).date;
  const figures = await summaryFigures(tx, {
    from: period.from,
    to: period.to,
    before: period.before,
    today,
    capacityUntil: addWorkingDays(calendar, today, capacityWorkingDays),
  });
  // The week's insights are the business week's, whoever's clock the summary keeps.
  const insights =
    rule.cadence === 'weekly'
      ? await weeklyInsights(tx, {
          thisWeek: mondayOf(localTime(opts.sendAt, calendar.timeZone).date),
          timeZone: calendar.timeZone,
          now: opts.now,
        })
      : null;
  const links = await orderCardLinks(tx, linkedOrderIds(figures));
  const key = `summary:${opts.channel}:${rule.cadence}:${period.key}`;
  await enqueue(tx, opts.now, [
    {
      key,
      channel: opts.channel,
      effect: { kind: 'message', v: 1, message: summaryHeadline(period, figures, rule.timeZone, insights) },
    },
    ...summaryDetails(figures, links, rule.timeZone).map((message, i) => ({
      key: `${key}:${i + 1}`,
      channel: opts.channel,
      effect: { kind: 'thread_reply' as const, v: 1 as const, parentKey: key, message },
    })),
  ]);
}
