import { z } from 'zod';
import { addDays } from '../calendar.ts';
import { AppError } from '../errors.ts';

/** The longest period a report may cover: further is taken for a typing mistake, and costs a full scan. */
export const maxReportYears = 10;

export const reportUsage =
  'report [today|week|month|quarter|YYYY-MM-DD..YYYY-MM-DD] [customer <name>|product <sku>|department <name>]';

/** Inclusive calendar dates in the business time zone. */
export interface ReportPeriod {
  label: string;
  firstDay: string;
  lastDay: string;
}

export type ReportFilter = { kind: 'customer' | 'product' | 'department'; name: string } | null;

export interface ReportRequest {
  period: ReportPeriod;
  filter: ReportFilter;
}

const isoDate = z.iso.date();

/**
 * Reads `/order report …`'s words against today's date in the business time zone. Pure: the
 * names in a filter are looked up later, against the database.
 */
export function parseReportRequest(args: string, today: string): ReportRequest {
  const words = args.trim().split(/\s+/).filter(Boolean);
  let period = namedPeriod('month', today);
  const first = words[0]?.toLowerCase();
  if (first && !filterKinds.includes(first as FilterKind)) {
    period = readPeriod(first, today);
    words.shift();
  }
  return { period, filter: readFilter(words) };
}

const filterKinds = ['customer', 'product', 'department'] as const;
type FilterKind = (typeof filterKinds)[number];

function readFilter(words: string[]): ReportFilter {
  if (words.length === 0) return null;
  const [kind, ...rest] = words;
  const k = kind?.toLowerCase() as FilterKind;
  if (!filterKinds.includes(k)) {
    throw new AppError(
      'invalid_input',
      `I don't know "${kind}" in a report. Narrow it with \`customer <name>\`, \`product <sku>\` or \`department <name>\`. Usage: \`/order ${reportUsage}\``,
    );
  }
  const name = rest.join(' ');
  if (!name)
    throw new AppError(
      'invalid_input',
      `Which ${k}? For example \`/order report month ${k} ${example[k]}\`.`,
    );
  return { kind: k, name };
}

const example: Record<FilterKind, string> = {
  customer: 'ACME',
  product: 'WIDGET-A',
  department: 'production',
};

function readPeriod(word: string, today: string): ReportPeriod {
  if (word === 'today' || word === 'week' || word === 'month' || word === 'quarter')
    return namedPeriod(word, today);
  const range = /^(.+)\.\.(.+)$/.exec(word);
  if (!range) {
    throw new AppError(
      'invalid_input',
      `I don't know the period "${word}". Say today, week, month, quarter or a range such as 2026-01-01..2026-03-31.`,
    );
  }
  const [from, to] = [range[1] ?? '', range[2] ?? ''];
  for (const d of [from, to]) {
    if (!isoDate.safeParse(d).success) {
      throw new AppError('invalid_input', `"${d}" is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31.`);
    }
  }
  if (from > to)
    throw new AppError('invalid_input', `The period starts (${from}) after it ends (${to}): swap them.`);
  if (to > addDays(`${Number(from.slice(0, 4)) + maxReportYears}${from.slice(4)}`, -1)) {
    throw new AppError(
      'invalid_input',
      `${from}..${to} is more than ${maxReportYears} years; ask for ${maxReportYears} years or less.`,
    );
  }
  return { label: `${from} to ${to}`, firstDay: from, lastDay: to };
}

function namedPeriod(word: 'today' | 'week' | 'month' | 'quarter', today: string): ReportPeriod {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const monthStart = (year: number, month: number) =>
    `${year + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-01`;
  switch (word) {
    case 'today':
      return { label: `today (${today})`, firstDay: today, lastDay: today };
    case 'week': {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      const monday = addDays(today, -weekday);
      return { label: `the week of ${monday}`, firstDay: monday, lastDay: addDays(monday, 6) };
    }
    case 'month':
      return {
        label: `${monthStart(y, m).slice(0, 7)}`,
        firstDay: monthStart(y, m),
        lastDay: addDays(monthStart(y, m + 1), -1),
      };
    case 'quarter': {
      const q = Math.floor((m - 1) / 3);
      return {
        label: `${y} Q${q + 1}`,
        firstDay: monthStart(y, q * 3 + 1),
        lastDay: addDays(monthStart(y, q * 3 + 4), -1),
      };
    }
  }
}
