import type { OrderDraft } from '../order-draft.ts';

/**
 * What the review of a draft works with and what it says. The field tells the modal where to
 * show a finding: under a header field, above the lines, or under one field of one line
 * (0-based, counting the modal's rows including blank ones).
 */
export type LineField = 'product' | 'quantity' | 'unit_price' | 'spec';
export type FindingField =
  | 'customer'
  | 'customer_po'
  | 'delivery_date'
  | 'payment_method'
  | 'notes'
  | 'lines'
  | { line: number; field: LineField };

export const ruleNames = [
  'customer_missing',
  'customer_unknown',
  'customer_po_too_long',
  'customer_po_used',
  'business_date_unknown',
  'delivery_date_missing',
  'delivery_date_invalid',
  'delivery_date_past',
  'delivery_date_too_far',
  'delivery_date_too_soon',
  'payment_method_missing',
  'payment_method_not_allowed',
  'notes_too_long',
  'lines_missing',
  'too_many_lines',
  'order_total_too_large',
  'product_missing',
  'product_unknown',
  'quantity_missing',
  'quantity_invalid',
  'quantity_not_positive',
  'quantity_below_minimum',
  'quantity_not_pack_multiple',
  'unit_price_missing',
  'unit_price_invalid',
  'unit_price_below_floor',
  'unit_price_off_list',
  'line_amount_too_large',
  'spec_too_long',
] as const;
export type RuleName = (typeof ruleNames)[number];

export interface Finding {
  rule: RuleName;
  severity: 'error' | 'warning';
  field: FindingField;
  message: string;
}

export interface CatalogProduct {
  sku: string;
  name: string;
  listPriceCents: number;
  packSize: number;
  minOrderQty: number;
  leadTimeDays: number;
}

export interface CatalogCustomer {
  code: string;
  name: string;
  paymentMethods: string[];
}

export interface PricePolicy {
  /** Warn when a price is more than this many percent above or below the list price. */
  priceWarnPercent: number;
  /** Refuse a price below this percentage of the list price. */
  priceFloorPercent: number;
}

export interface ReviewInput {
  draft: OrderDraft;
  /** The business-calendar date, YYYY-MM-DD. */
  today: string;
  /** The customer with `draft.customerCode`; null when there is none. */
  customer: CatalogCustomer | null;
  /** Products the draft names, keyed by SKU trimmed and upper-cased. */
  products: ReadonlyMap<string, CatalogProduct>;
  /** Number of another order of this customer with the same (trimmed) customer PO. */
  poUsedBy: string | null;
  policy: PricePolicy;
  /** How many days after today a delivery date may be. */
  deliveryHorizonDays: number;
}

/** Limits on free text, counted in characters as a person sees them. */
export const textLimits = { customerPo: 64, spec: 500, notes: 2000 } as const;

/** Above this an amount no longer adds up exactly in a JavaScript number, long before bigint ends. */
export const maxOrderTotalCents = 100_000_000_000_000;

/** The order as it will be stored: the catalog's spelling of codes, numbers instead of text. */
export interface ReviewedLine {
  sku: string;
  spec: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
}

export interface ReviewedOrder {
  customerCode: string;
  customerPo: string | null;
  deliveryDate: string;
  paymentMethod: string;
  notes: string;
  lines: ReviewedLine[];
  totalCents: number;
}

export type ReviewOutcome =
  | { ok: true; order: ReviewedOrder; warnings: Finding[] }
  | { ok: false; findings: Finding[] };

export function error(rule: RuleName, field: FindingField, message: string): Finding {
  return { rule, severity: 'error', field, message };
}

export function warning(rule: RuleName, field: FindingField, message: string): Finding {
  return { rule, severity: 'warning', field, message };
}
