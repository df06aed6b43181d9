/**
 * The order as the admin typed it, before anything is checked: what the intake modal holds and
 * what the one-line `/order new …` fills in. Every field may be missing and every value is the
 * raw text, so the admin sees exactly what they wrote next to what is wrong with it.
 */
export interface DraftLine {
  sku: string | null;
  spec: string | null;
  quantity: string | null;
  unitPrice: string | null;
}

export interface OrderDraft {
  customerCode: string | null;
  customerPo: string | null;
  deliveryDate: string | null;
  paymentMethod: string | null;
  notes: string | null;
  lines: DraftLine[];
}

export const maxOrderLines = 20;

export type { Parsed } from '../parsed.ts';
export { maxQuantity, parseQuantity } from './typed-numbers.ts';

export function emptyDraft(): OrderDraft {
  return {
    customerCode: null,
    customerPo: null,
    deliveryDate: null,
    paymentMethod: null,
    notes: null,
    lines: [],
  };
}

export function emptyLine(): DraftLine {
  return { sku: null, spec: null, quantity: null, unitPrice: null };
}

/** The typed text, or null when nothing but blanks was typed: blank and missing mean the same. */
export function filled(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** A modal row left empty is not a line: it is skipped, not reported. */
export function isBlankLine(line: DraftLine): boolean {
  return (
    filled(line.sku) === null &&
    filled(line.spec) === null &&
    filled(line.quantity) === null &&
    filled(line.unitPrice) === null
  );
}
