import { addDays, type BusinessCalendar, isWorkingDay, localTime, zonedInstant } from '../calendar.ts';

export type Cadence = 'daily' | 'weekly';

/** When someone gets a summary: how often, at which hour of which clock. */
export interface SummaryRule {
  cadence: Cadence;
  hour: number;
  timeZone: string;
}

function weekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Daily summaries come on working days; weekly ones on the first working day of each week
 * (Monday, or Tuesday after a Monday holiday).
 */
export function isSendDay(cadence: Cadence, calendar: BusinessCalendar, date: string): boolean {
  if (!isWorkingDay(calendar, date)) return false;
  if (cadence === 'daily') return true;
  for (let d = addDays(date, 1 - weekday(date)); d < date; d = addDays(d, 1)) {
    if (isWorkingDay(calendar, d)) return false;
  }
  return true;
}

/** Working days, holidays and the hour read on the person's own clock. */
const onTheirClock = (calendar: BusinessCalendar, rule: SummaryRule) => ({
  ...calendar,
  timeZone: rule.timeZone,
});

/** The first send time strictly after `after`. */
export function nextSendAfter(rule: SummaryRule, calendar: BusinessCalendar, after: Date): Date {
  const cal = onTheirClock(calendar, rule);
  let date = localTime(after, rule.timeZone).date;
  for (let i = 0; i < 400; i++, date = addDays(date, 1)) {
    if (!isSendDay(rule.cadence, cal, date)) continue;
    const at = zonedInstant(date, rule.hour * 60, rule.timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error('no working day within 400 days: check the holiday list');
}

/** The latest send time at or before `at`. */
export function lastSendAtOrBefore(rule: SummaryRule, calendar: BusinessCalendar, at: Date): Date {
  const cal = onTheirClock(calendar, rule);
  let date = localTime(at, rule.timeZone).date;
  for (let i = 0; i < 400; i++, date = addDays(date, -1)) {
    if (!isSendDay(rule.cadence, cal, date)) continue;
    const sendAt = zonedInstant(date, rule.hour * 60, rule.timeZone);
    if (sendAt.getTime() <= at.getTime()) return sendAt;
  }
  throw new Error('no working day within 400 days: check the holiday list');
}

const weekMs = 7 * 86_400_000;

/** What one summary covers, and the same stretch a week earlier for week-over-week change. */
export interface SummaryPeriod {
  cadence: Cadence;
  /** The send date on the person's clock: with the cadence and recipient, the summary's dedupe key. */
  key: string;
  from: Date;
  to: Date;
  before: { from: Date; to: Date };
}

/** The summary sent at `sendAt` covers everything since the one before it. */
export function periodEndingAt(rule: SummaryRule, calendar: BusinessCalendar, sendAt: Date): SummaryPeriod {
  const from = lastSendAtOrBefore(rule, calendar, new Date(sendAt.getTime() - 1));
  return {
    cadence: rule.cadence,
    key: localTime(sendAt, rule.timeZone).date,
    from,
    to: sendAt,
    before: { from: new Date(from.getTime() - weekMs), to: new Date(sendAt.getTime() - weekMs) },
  };
}
