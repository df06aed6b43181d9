import { formatCents } from '../money.ts';
import { accepted, type Parsed, refused } from '../parsed.ts';
import { formatCount, shown } from '../wording.ts';

/**
 * Quantities and prices as typed into the modal or the one-liner. Only plain digits are read:
 * `Number()` would take `1e309`, `0x10` or `Infinity`, none of which an admin means as a quantity.
 * Lengths are checked on the digit string before any conversion so huge numbers never lose
 * precision on the way to a refusal.
 */
export const maxQuantity = 1_000_000_000;
export const maxPriceCents = 1_000_000_000_000;

/**
 * A whole number, optionally signed and grouped in thousands with commas (`1,000`). Zero and
 * negatives are read, not refused: the review says why they can't be ordered, next to the
 * product's minimum.
 */
export function parseQuantity(text: string): Parsed<number> {
  const typed = text.trim();
  if (typed === '') return refused('Enter a quantity, such as 10.');
  const match = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)$/.exec(typed);
  if (!match) {
    const decimal = /^[+-]?(\d+)[.,](\d+)$/.exec(typed);
    if (decimal && /^0+$/.test(decimal[2] ?? '')) {
      return refused(`Write ${typed} without decimals: quantities are counted in whole units.`);
    }
    if (decimal) return refused(`${typed} is not a whole number: quantities are counted in whole units.`);
    return refused(`“${shown(typed)}” is not a quantity: write a whole number in digits, such as 10.`);
  }
  const negative = match[1] === '-';
  const digits = withoutLeadingZeros((match[2] ?? '').replaceAll(',', ''));
  if (digits.length > 10 || Number(digits) > maxQuantity) {
    return refused(
      negative
        ? `${shown(typed)} is not a quantity you can order: it must be at least 1.`
        : `${shown(typed)} is too large: a line can hold at most ${formatCount(maxQuantity)}.`,
    );
  }
  const value = Number(digits);
  return accepted(negative && value !== 0 ? -value : value);
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
  if (cents > maxPriceCents) {
    return refused(`${shown(typed)} is too large: a price can be at most ${formatCents(maxPriceCents)}.`);
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

function withoutLeadingZeros(digits: string): string {
  const trimmed = digits.replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}
