import { z } from 'zod';
import { addDays, type BusinessCalendar, isWorkingDay, localTime, zonedInstant } from '../calendar.ts';

/**
 * When a recurring schedule repeats, in words an operator can read in the table:
 * `daily HH:MM`, `workdays HH:MM` (the business calendar's working days) or `every Nm` / `every Nh`.
 */
export type Recurrence = { every: 'day' | 'workday'; minutes: number } | { every: 'interval'; ms: number };

const ruleText = /^(?:(daily|workdays) ([01]\d|2[0-3]):([0-5]\d)|every ([1-9]\d*)(m|h))$/;

export const recurrenceSchema = z.string().transform((text, ctx): Recurrence => {
  const m = ruleText.exec(text.trim());
  if (!m) {
    ctx.addIssue({
      code: 'custom',
      message: `a rule such as "daily 08:00", "workdays 09:30" or "every 15m": ${text}`,
    });
    return z.NEVER;
  }
  if (m[4]) return { every: 'interval', ms: Number(m[4]) * (m[5] === 'h' ? 3_600_000 : 60_000) };
  return { every: m[1] === 'daily' ? 'day' : 'workday', minutes: Number(m[2]) * 60 + Number(m[3]) };
});

/**
 * The first time the rule fires strictly after `after`. Interval rules count from `after` (the
 * run just done), so a long outage yields one catch-up run, not a burst.
 */
export function nextRunAfter(rule: Recurrence, after: Date, calendar: BusinessCalendar): Date {
  if (rule.every === 'interval') return new Date(after.getTime() + rule.ms);
  let date = localTime(after, calendar.timeZone).date;
  for (let i = 0; i < 400; i++) {
    if (rule.every === 'day' || isWorkingDay(calendar, date)) {
      const at = zonedInstant(date, rule.minutes, calendar.timeZone);
      if (at.getTime() > after.getTime()) return at;
    }
    date = addDays(date, 1);
  }
  throw new Error('no working day within 400 days: check the holiday list');
}
