/**
 * The business's working week in its own time zone: which days are worked, the hours of a
 * working day, and the holidays. Pure: every function takes the calendar and an instant or a
 * date and returns a value, so any part of the bot can ask "is the office open?" the same way.
 */
export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekdays that are worked: 1 = Monday … 7 = Sunday. */
  workdays: readonly number[];
  /** Minutes after local midnight when the working day opens and closes (closing excluded). */
  opensAt: number;
  closesAt: number;
  /** Dates (YYYY-MM-DD, in the business time zone) on which nobody works. */
  holidays: readonly string[];
}

export const defaultWorkdays = [1, 2, 3, 4, 5] as const;
export const defaultBusinessHours = { opensAt: 9 * 60, closesAt: 17 * 60 } as const;

const weekdayNumbers: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

interface LocalTime {
  date: string;
  weekday: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function localParts(at: Date, timeZone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return parts;
}

/** The wall-clock date, weekday and minute of the day at `at` in a time zone. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const p = localParts(at, timeZone);
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: weekdayNumbers[p.weekday ?? ''] ?? 0,
    minutes: Number(p.hour) * 60 + Number(p.minute),
  };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in milliseconds. */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a wall clock in `timeZone` shows `minutes` after midnight on `date`. Two passes,
 * because the offset at the first guess may be on the other side of a daylight-saving change;
 * a wall time skipped by the change lands just after it.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 0, minutes);
  const first = wall - offsetMs(new Date(wall), timeZone);
  return new Date(wall - offsetMs(new Date(first), timeZone));
}

/** The calendar date `days` after (before, when negative) a YYYY-MM-DD date. */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWorkingDay(calendar: BusinessCalendar, date: string): boolean {
  return calendar.workdays.includes(weekdayOf(date)) && !calendar.holidays.includes(date);
}

export function isWithinBusinessHours(calendar: BusinessCalendar, at: Date): boolean {
  const local = localTime(at, calendar.timeZone);
  return (
    isWorkingDay(calendar, local.date) &&
    local.minutes >= calendar.opensAt &&
    local.minutes < calendar.closesAt
  );
}

/** The first opening of a working day strictly after `at`: where held-back work resumes. */
export function nextWorkingMorning(calendar: BusinessCalendar, at: Date): Date {
  if (calendar.workdays.length === 0) throw new Error('a calendar without working days has no mornings');
  let date = localTime(at, calendar.timeZone).date;
  // A year of holidays on top of a week of rest days is the most that can stand in the way.
  for (let i = 0; i < 400; i++) {
    if (isWorkingDay(calendar, date)) {
      const opening = zonedInstant(date, calendar.opensAt, calendar.timeZone);
      if (opening.getTime() > at.getTime()) return opening;
    }
    date = shiftDate(date, 1);
  }
  throw new Error('no working day within 400 days: check the holiday list');
}

/**
 * The date `n` working days after `date` (before it when `n` is negative), skipping rest days
 * and holidays; `n = 0` is the date itself.
 */
export function addWorkingDays(calendar: BusinessCalendar, date: string, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`working days must be a whole number, got ${n}`);
  if (calendar.workdays.length === 0 && n !== 0) throw new Error('a calendar without working days');
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let current = date;
  while (left > 0) {
    current = shiftDate(current, step);
    if (isWorkingDay(calendar, current)) left--;
  }
  return current;
}
