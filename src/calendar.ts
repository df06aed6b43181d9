import { accepted, type Parsed, refused } from './parsed.ts';
import { shown } from './wording.ts';

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

/** Whether the runtime knows `name` as an IANA time zone (a typo, or a zone Slack invented, is not). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (YYYY-MM-DD) at `at` in a time zone: what "today" means to the business. */
export function calendarDate(at: Date, timeZone: string): string {
  // Every order and most use cases ask for today's date, and formatting it through Intl took
  // about 5 % of the bench client's CPU per order at intake. The zones' offsets in use since
  // 1972 are whole minutes, so a date cannot change within a minute of UTC: the last answer is
  // kept per zone.
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastDates.get(timeZone);
  if (last?.minute === minute) return last.date;
  const p = localParts(at, timeZone);
  const date = `${p.year}-${p.month}-${p.day}`;
  lastDates.set(timeZone, { minute, date });
  return date;
}
const lastDates = new Map<string, { minute: number; date: string }>();

export function calendarYear(at: Date, timeZone: string): number {
  return Number(calendarDate(at, timeZone).slice(0, 4));
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
 * because the offset at the first guess may be on the other side of a daylight-saving change.
 * A wall time skipped by the change (02:30 on the spring-forward night) is shown by no instant:
 * it lands just after the gap, where the offset from before the change puts it, which is the
 * later of the two guesses.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 0, minutes);
  const guess = wall - offsetMs(new Date(wall), timeZone);
  const offset = offsetMs(new Date(guess), timeZone);
  const at = wall - offset;
  return new Date(offsetMs(new Date(at), timeZone) === offset ? at : Math.max(at, guess));
}

function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the week a date falls in (weeks start on Monday). */
export const mondayOf = (date: string): string => addDays(date, 1 - weekdayOf(date));

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
    date = addDays(date, 1);
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
    current = addDays(current, step);
    if (isWorkingDay(calendar, current)) left--;
  }
  return current;
}

/**
 * Calendar dates as `YYYY-MM-DD` strings: a delivery date is a day in the business calendar, not
 * an instant, so no time zone or clock is involved. Once normalised by `parseIsoDate`, two dates
 * compare correctly as plain strings.
 */
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const firstDate = '0001-01-01';
const lastDate = '9999-12-31';
/** Beyond this many days every result is clamped anyway; the bound keeps `Date` inside its range. */
const maxStep = 4_000_000;

/**
 * Reads `2026-12-20` (also `2026-12-5`) as a real calendar date. `2026-02-30` and `2026-13-01`
 * are refused with the reason, because a silently rolled-over date would ship on the wrong day.
 */
export function parseIsoDate(text: string): Parsed<string> {
  const typed = text.trim();
  if (typed === '') return refused('Enter a date, such as 2026-12-20.');
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  if (!match) return refused(`“${shown(typed)}” is not a date: write it as YYYY-MM-DD, such as 2026-12-20.`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year === 0) return refused(`${typed} is not a date: there is no year 0.`);
  if (month < 1 || month > 12) return refused(`${typed} is not a date: there is no month ${match[2]}.`);
  const length = daysInMonth(year, month);
  if (day < 1) return refused(`${typed} is not a date: there is no day ${match[3]}.`);
  if (day > length) {
    return refused(`${typed} is not a date: ${monthNames[month - 1]} ${year} has ${length} days.`);
  }
  return accepted(formatDate(year, month, day));
}

/**
 * The date `days` after (or before, when negative) a valid date. Clamped to the years 1–9999 so
 * the result is always a four-digit date that still compares as a string. A malformed date or a
 * fractional day count is a bug in the caller, not something a person typed: it throws.
 */
export function addDays(isoDate: string, days: number): string {
  const parsed = parseIsoDate(isoDate);
  if (!parsed.ok || !Number.isInteger(days)) {
    throw new RangeError(`addDays needs a YYYY-MM-DD date and whole days, got ${isoDate} and ${days}`);
  }
  const [year, month, day] = parsed.value.split('-').map(Number) as [number, number, number];
  const step = Math.max(-maxStep, Math.min(maxStep, days));
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day + step);
  const resultYear = at.getUTCFullYear();
  if (resultYear < 1) return firstDate;
  if (resultYear > 9999) return lastDate;
  return formatDate(resultYear, at.getUTCMonth() + 1, at.getUTCDate());
}

/**
 * A normalised date (as parseIsoDate and the database give it) as a count of days from
 * 1970-01-01, for arithmetic over many dates: `addDays(d, n)` is the date whose day number is
 * `dayNumber(d) + n`. Anything else is a bug in the caller: it throws. Worked out from the digits
 * (the proleptic Gregorian calendar, as Date counts): capacity walks dozens of dates per order.
 */
export function dayNumber(isoDate: string): number {
  const year = digits(isoDate, 0, 4);
  const month = digits(isoDate, 5, 7);
  const day = digits(isoDate, 8, 10);
  if (isoDate.length !== 10 || isoDate[4] !== '-' || isoDate[7] !== '-' || Number.isNaN(year + month + day)) {
    throw new RangeError(`dayNumber needs a YYYY-MM-DD date, got ${isoDate}`);
  }
  // Counted in years that begin on 1 March, so that a leap day ends its year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Days from one normalised date to another: negative when `to` is the earlier. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The number written in text[from, to), or NaN if any of it is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Negative when `a` is earlier, 0 on the same day, positive when later (both normalised). */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
