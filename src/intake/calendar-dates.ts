import { accepted, type Parsed, refused } from '../parsed.ts';
import { shown } from '../wording.ts';

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
