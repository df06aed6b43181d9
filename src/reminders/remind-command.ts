import { zonedInstant } from '../calendar.ts';
import { AppError } from '../errors.ts';
import { orderNumberPattern } from '../orders/order-number.ts';

/** When a reminder is due, as typed: after a while, or on a date (at a time, or the default). */
export type ReminderWhen = { kind: 'in'; ms: number } | { kind: 'on'; date: string; minutes: number | null };

export interface RemindRequest {
  orderNumber: string;
  when: ReminderWhen;
  text: string;
}

export const remindUsage = 'remind SO-… in 30m|2h|3 days|1 week <text> · on 2026-12-24 [09:30] <text>';
const example = 'E.g. `/order remind SO-2026-000123 in 2h call ACME` or `… on 2026-12-24 09:30 call ACME`.';
/** Long enough for a note to oneself; the DM adds the order around it. */
export const maxReminderText = 1000;
/** A date without a time is for the start of the person's working day. */
export const defaultReminderMinutes = 9 * 60;

const minute = 60_000;
const unitMs: Record<string, number> = {
  m: minute,
  min: minute,
  mins: minute,
  minute: minute,
  minutes: minute,
  h: 60 * minute,
  hour: 60 * minute,
  hours: 60 * minute,
  d: 24 * 60 * minute,
  day: 24 * 60 * minute,
  days: 24 * 60 * minute,
  w: 7 * 24 * 60 * minute,
  week: 7 * 24 * 60 * minute,
  weeks: 7 * 24 * 60 * minute,
};

const refuse = (message: string): never => {
  throw new AppError('invalid_input', message);
};

/**
 * Reads `/order remind …` words: the order, `in <amount><unit>` or `on <date> [<time>]`, then the
 * text. Pure, so it says nothing about whether the order exists or the time has passed.
 */
export function parseRemindCommand(args: string): RemindRequest {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const orderNumber = (words.shift() ?? '').toUpperCase();
  if (!orderNumberPattern.test(orderNumber)) {
    refuse(`Say which order first. ${example}`);
  }
  const word = words.shift()?.toLowerCase();
  let when: ReminderWhen;
  if (word === 'in') when = { kind: 'in', ms: readDuration(words) };
  else if (word === 'on') when = readDate(words);
  else when = refuse(`Say when: \`in 30m\`, \`in 2 hours\` or \`on 2026-12-24 09:30\`. ${example}`);
  const text = words.join(' ');
  if (!text) refuse(`Say what to remind you of after the time. ${example}`);
  if (text.length > maxReminderText) {
    refuse(`That reminder is ${text.length} characters long; keep it under ${maxReminderText}.`);
  }
  return { orderNumber, when, text };
}

/** `30m`, `2h`, `1w`, or `3 days`, `1 minute`: taken off the front of `words`. */
function readDuration(words: string[]): number {
  const joined = /^(\d{1,6})([a-z]+)$/i.exec(words[0] ?? '');
  const amount = joined ? joined[1] : words[0];
  const unit = (joined ? joined[2] : words[1])?.toLowerCase() ?? '';
  const perUnit = unitMs[unit];
  if (!amount || !/^\d{1,6}$/.test(amount) || perUnit === undefined || Number(amount) === 0) {
    return refuse(
      `I could not read that as a while: say \`in\` with minutes (\`30m\`), hours (\`2h\`), days (\`3 days\`) or weeks (\`1w\`). ${example}`,
    );
  }
  words.splice(0, joined ? 1 : 2);
  return Number(amount) * perUnit;
}

/** `2026-12-24` and an optional `09:30`: taken off the front of `words`. */
function readDate(words: string[]): ReminderWhen {
  const date = words[0] ?? '';
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    return refuse(`Say the date as YYYY-MM-DD, e.g. \`on 2026-12-24\` or \`on 2026-12-24 09:30\`.`);
  }
  words.shift();
  const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(words[0] ?? '');
  if (!time) return { kind: 'on', date, minutes: null };
  words.shift();
  return { kind: 'on', date, minutes: Number(time[1]) * 60 + Number(time[2]) };
}

/**
 * The instant a reminder is due for someone in `timeZone`, refused when it is not in the future
 * or more than a year ahead (a mistyped year, most likely).
 */
export function reminderTime(when: ReminderWhen, now: Date, timeZone: string): Date {
  const at =
    when.kind === 'in'
      ? new Date(now.getTime() + when.ms)
      : zonedInstant(when.date, when.minutes ?? defaultReminderMinutes, timeZone);
  if (at.getTime() <= now.getTime()) {
    refuse(`That time has passed already (it is ${describeLocal(now, timeZone)} for you). Say a later one.`);
  }
  const yearAhead = new Date(now);
  yearAhead.setUTCFullYear(yearAhead.getUTCFullYear() + 1);
  if (at.getTime() > yearAhead.getTime()) {
    refuse('That is more than a year ahead. Say a time within a year.');
  }
  return at;
}

/** `2026-11-27 10:00 Europe/Berlin`: how a time reads to the person who typed one. */
export function describeLocal(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${timeZone}`;
}
