import { withoutLeadingZeros } from '../money.ts';
import { accepted, type Parsed, refused } from '../parsed.ts';
import { formatCount, shown } from '../wording.ts';

/**
 * Quantities and prices as typed into the modal or the one-liner. Only plain digits are read:
 * `Number()` would take `1e309`, `0x10` or `Infinity`, none of which an admin means as a quantity.
 * Lengths are checked on the digit string before any conversion so huge numbers never lose
 * precision on the way to a refusal.
 */
export const maxQuantity = 1_000_000_000;

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
