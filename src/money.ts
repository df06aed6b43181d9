import { accepted, type Parsed, refused } from './parsed.ts';
import { shown } from './wording.ts';

/**
 * The largest amount anywhere: a price, a credit limit, a rule's order value. Larger is a typing
 * mistake; it also keeps cents far inside Number's exact range.
 */
export const MAX_AMOUNT_CENTS = 100_000_000_000;

/** Cents as a human amount: 123456 → "1,234.56". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Cents back into the form people type: 250050 → "2500.50" (no thousands separators). */
export function centsToAmount(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * A price in whole cents. The last `.` or `,` followed by one or two digits is the decimal mark,
 * so `12.50`, `12,50` and `12,5` all read 12.50; a comma followed by exactly three digits groups
 * thousands, so `1,250` is 1250.00 and `1,250.00` and `1.250,00` are too. Three decimals
 * (`1.250`) are refused rather than guessed at.
 */
export function parseMoneyToCents(text: string): Parsed<number> {
  const typed = text.trim();
  if (typed === '') return refused('Enter a price, such as 12.50.');
  const notAPrice = `“${shown(typed)}” is not a price: write it like 12.50 or 12,50.`;
  if (typed.startsWith('-') && /^-\d[\d.,]*$/.test(typed)) {
    return refused(`Prices can't be negative: ${shown(typed)}.`);
  }
  if (!/^\d[\d.,]*$/.test(typed)) return refused(notAPrice);
  const split = splitDecimal(typed);
  if (split === 'too_many_decimals') {
    return refused(`${shown(typed)} has more than 2 decimals: a price is in cents, like 12.50.`);
  }
  if (!split) return refused(notAPrice);
  const whole = ungroup(split.whole, split.grouping);
  if (whole === null) return refused(notAPrice);
  const digits = withoutLeadingZeros(whole);
  const cents = digits.length > 11 ? Number.POSITIVE_INFINITY : Number(digits) * 100 + fractionCents(split);
  if (cents > MAX_AMOUNT_CENTS) {
    return refused(`${shown(typed)} is too large: a price can be at most ${formatCents(MAX_AMOUNT_CENTS)}.`);
  }
  return accepted(cents);
}

interface DecimalSplit {
  whole: string;
  fraction: string;
  grouping: ',' | '.';
}

function splitDecimal(typed: string): DecimalSplit | 'too_many_decimals' | null {
  const at = Math.max(typed.lastIndexOf('.'), typed.lastIndexOf(','));
  if (at === -1) return { whole: typed, fraction: '', grouping: ',' };
  const before = typed.slice(0, at);
  const after = typed.slice(at + 1);
  if (typed[at] === '.') {
    if (/^\d{1,2}$/.test(after)) return { whole: before, fraction: after, grouping: ',' };
    return /^\d{3,}$/.test(after) ? 'too_many_decimals' : null;
  }
  if (/^\d{1,2}$/.test(after)) return { whole: before, fraction: after, grouping: '.' };
  if (/^\d{3}$/.test(after)) return { whole: typed, fraction: '', grouping: ',' };
  return null;
}

/** The digits of `1,250,000` (or `1.250` when `.` groups): groups of three after the first. */
function ungroup(whole: string, grouping: ',' | '.'): string | null {
  if (/^\d+$/.test(whole)) return whole;
  const groups = whole.split(grouping);
  const [first, ...rest] = groups;
  if (!first || !/^\d{1,3}$/.test(first)) return null;
  if (!rest.every((group) => /^\d{3}$/.test(group))) return null;
  return groups.join('');
}

function fractionCents(split: DecimalSplit): number {
  return split.fraction === '' ? 0 : Number(split.fraction.padEnd(2, '0'));
}

export function withoutLeadingZeros(digits: string): string {
  const trimmed = digits.replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}
