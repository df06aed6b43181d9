import { formatCents, parseMoneyToCents } from '../../money.ts';
import type { Parsed } from '../../parsed.ts';
import { characterCount, formatCount, shown } from '../../wording.ts';
import { type DraftLine, filled, maxQuantity, parseQuantity } from '../order-draft.ts';
import {
  type CatalogProduct,
  error,
  type Finding,
  type FindingField,
  type LineField,
  maxOrderTotalCents,
  type PricePolicy,
  type ReviewedLine,
  type RuleName,
  textLimits,
  warning,
} from './review-types.ts';

/**
 * The rules for one line of the draft. Catalog figures are read defensively (a pack size of 0 or
 * a missing list price must not crash the review or divide by zero): a figure that makes no sense
 * switches its rule off rather than inventing a limit.
 */
export interface LineReview {
  findings: Finding[];
  /** The line ready to store; null when any of its findings is an error. */
  line: ReviewedLine | null;
}

export function reviewLine(
  draftLine: DraftLine,
  index: number,
  products: ReadonlyMap<string, CatalogProduct>,
  policy: PricePolicy,
): LineReview {
  const findings: Finding[] = [];
  const at = (field: LineField) => ({ line: index, field });
  const sku = filled(draftLine.sku);
  const product = sku === null ? null : (products.get(sku.toUpperCase()) ?? null);
  if (sku === null) findings.push(error('product_missing', at('product'), 'Choose a product for this line.'));
  else if (!product) {
    findings.push(error('product_unknown', at('product'), `No product has the SKU “${shown(sku)}”.`));
  }
  const quantity = reviewQuantity(draftLine.quantity, product, sku, findings, at('quantity'));
  const unitPriceCents = reviewPrice(draftLine.unitPrice, product, policy, findings, at('unit_price'));
  const spec = typeof draftLine.spec === 'string' && filled(draftLine.spec) !== null ? draftLine.spec : '';
  const specLength = characterCount(spec);
  if (specLength > textLimits.spec) {
    const message = `The spec is ${formatCount(specLength)} characters long; it can be at most ${formatCount(textLimits.spec)}.`;
    findings.push(error('spec_too_long', at('spec'), message));
  }
  const amountCents = quantity !== null && unitPriceCents !== null ? quantity * unitPriceCents : null;
  if (amountCents !== null && amountCents > maxOrderTotalCents) {
    const message = `${formatCount(quantity ?? 0)} × ${formatCents(unitPriceCents ?? 0)} comes to more than ${formatCents(maxOrderTotalCents)}, the most an order can be worth.`;
    findings.push(error('line_amount_too_large', at('quantity'), message));
  }
  const clean = !findings.some((f) => f.severity === 'error');
  const line =
    clean && product && quantity !== null && unitPriceCents !== null && amountCents !== null
      ? { sku: product.sku, spec, quantity, unitPriceCents, amountCents }
      : null;
  return { findings, line };
}

function reviewQuantity(
  typed: string | null,
  product: CatalogProduct | null,
  sku: string | null,
  findings: Finding[],
  field: { line: number; field: LineField },
): number | null {
  const text = filled(typed);
  if (text === null) {
    const what = product ? ` of ${product.sku}` : sku ? ` of ${shown(sku)}` : '';
    findings.push(error('quantity_missing', field, `Enter how many${what} to order.`));
    return null;
  }
  const quantity = parsedOrError(parseQuantity(text), findings, 'quantity_invalid', field);
  if (quantity === null) return null;
  if (quantity <= 0) {
    const message = `${text} is not a quantity you can order: it must be at least 1.`;
    findings.push(error('quantity_not_positive', field, message));
    return null;
  }
  if (!product) return quantity;
  const minimum = wholeAtLeastOne(product.minOrderQty);
  const pack = wholeAtLeastOne(product.packSize);
  const before = findings.length;
  if (quantity < minimum) {
    const message = `${product.sku} has a minimum order quantity of ${formatCount(minimum)}: ${formatCount(quantity)} is below it.`;
    findings.push(error('quantity_below_minimum', field, message));
  }
  if (quantity % pack !== 0) {
    const options = packOptions(quantity, pack, minimum).map(formatCount);
    const hint = options.length ? ` (try ${options.join(' or ')})` : '';
    const message = `${product.sku} comes in packs of ${formatCount(pack)}: ${formatCount(quantity)} is not a multiple${hint}.`;
    findings.push(error('quantity_not_pack_multiple', field, message));
  }
  return findings.length === before ? quantity : null;
}

/** The typed figure's value, or null with the parser's words as the field's error. */
function parsedOrError<T>(
  parsed: Parsed<T>,
  findings: Finding[],
  rule: RuleName,
  field: FindingField,
): T | null {
  if (parsed.ok) return parsed.value;
  findings.push(error(rule, field, parsed.message));
  return null;
}

/** The whole packs either side of `quantity` that can actually be ordered. */
function packOptions(quantity: number, pack: number, minimum: number): number[] {
  const below = Math.floor(quantity / pack) * pack;
  const smallest = Math.ceil(minimum / pack) * pack;
  const candidates = below >= minimum ? [below, below + pack] : [Math.max(below + pack, smallest)];
  return candidates.filter((n) => n <= maxQuantity);
}

/**
 * A blank price means the list price: most orders are at list, and the admin should not have to
 * type it. A product without a usable list price then needs a typed one.
 */
function reviewPrice(
  typed: string | null,
  product: CatalogProduct | null,
  policy: PricePolicy,
  findings: Finding[],
  field: { line: number; field: LineField },
): number | null {
  const text = filled(typed);
  const list = product && Number.isSafeInteger(product.listPriceCents) ? product.listPriceCents : null;
  if (text === null) {
    if (!product) return null;
    if (list !== null && list >= 0) return list;
    const message = `${product.sku} has no list price: enter the price for this order.`;
    findings.push(error('unit_price_missing', field, message));
    return null;
  }
  const price = parsedOrError(parseMoneyToCents(text), findings, 'unit_price_invalid', field);
  if (price === null) return null;
  if (!product || list === null || list <= 0) return price;
  const floorPercent = percentOrNull(policy.priceFloorPercent);
  const warnPercent = percentOrNull(policy.priceWarnPercent);
  if (floorPercent !== null && price * 100 < list * floorPercent) {
    const floor = Math.ceil((list * floorPercent) / 100);
    const message = `${product.sku} at ${formatCents(price)} is below the price floor ${formatCents(floor)} (${formatPercent(floorPercent)} of the list price ${formatCents(list)}).`;
    findings.push(error('unit_price_below_floor', field, message));
    return null;
  }
  if (warnPercent !== null && Math.abs(price - list) * 100 > list * warnPercent) {
    const off = (Math.abs(price - list) * 100) / list;
    const direction = price > list ? 'above' : 'below';
    const message = `${product.sku} at ${formatCents(price)} is ${formatPercent(off)} ${direction} the list price ${formatCents(list)}.`;
    findings.push(warning('unit_price_off_list', field, message));
  }
  return price;
}

function wholeAtLeastOne(n: number): number {
  return Number.isSafeInteger(n) && n > 1 ? n : 1;
}

function percentOrNull(n: number): number | null {
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function formatPercent(n: number): string {
  return `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}
