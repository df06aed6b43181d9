import { formatCents } from '../../money.ts';
import { formatCount } from '../../wording.ts';
import { type DraftLine, filled, isBlankLine, maxOrderLines } from '../order-draft.ts';
import { type LongestLeadTime, reviewHeader } from './review-header.ts';
import { reviewLine } from './review-lines.ts';
import {
  type CatalogProduct,
  error,
  type Finding,
  maxOrderTotalCents,
  type ReviewedLine,
  type ReviewInput,
  type ReviewOutcome,
} from './review-types.ts';

export * from './review-types.ts';

/**
 * The intake review (issue: "Review rules"): every rule that decides whether a draft can become
 * an order. Pure and total: any draft, however malformed, gives a list of findings, never an
 * exception, and the same input always gives the same findings in the same order — header
 * fields first, then the lines in the order of the modal.
 *
 * Errors keep the order from being stored and belong inline under their field; warnings alone
 * let it through after the admin confirms them.
 */
export function reviewOrder(input: ReviewInput): Finding[] {
  return examine(input).findings;
}

/**
 * The review and, when it found no error, the order in the form the use case stores, so nothing
 * typed is parsed twice and nothing unreviewed is stored.
 */
export function reviewedOrder(input: ReviewInput): ReviewOutcome {
  const { findings, lines, header } = examine(input);
  const { customer, deliveryDate, paymentMethod } = header;
  if (findings.some((f) => f.severity === 'error') || !customer || !deliveryDate || !paymentMethod) {
    return { ok: false, findings };
  }
  return {
    ok: true,
    order: {
      customerCode: customer.code,
      customerPo: header.customerPo,
      deliveryDate,
      paymentMethod,
      notes: header.notes,
      lines,
      totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0),
    },
    warnings: findings,
  };
}

function examine(input: ReviewInput) {
  const findings: Finding[] = [];
  const rows = draftRows(input.draft.lines);
  const products = input.products;
  const header = reviewHeader(input, longestLeadTime(rows, products), findings);
  if (rows.length === 0) findings.push(error('lines_missing', 'lines', 'Add at least one line.'));
  if (rows.length > maxOrderLines) {
    const message = `This order has ${formatCount(rows.length)} lines; an order holds at most ${maxOrderLines}.`;
    findings.push(error('too_many_lines', 'lines', message));
  }
  const lineFindings: Finding[] = [];
  const lines: ReviewedLine[] = [];
  let totalCents = 0;
  for (const { line, index } of rows) {
    const review = reviewLine(line, index, products, input.policy);
    lineFindings.push(...review.findings);
    if (review.line) {
      lines.push(review.line);
      totalCents += review.line.amountCents;
    }
  }
  if (totalCents > maxOrderTotalCents) {
    const message = `The lines come to more than ${formatCents(maxOrderTotalCents)}, the most an order can be worth.`;
    findings.push(error('order_total_too_large', 'lines', message));
  }
  findings.push(...lineFindings);
  return { findings, lines, header };
}

/** The modal's rows that hold anything, with their position so findings land under the right row. */
function draftRows(lines: readonly DraftLine[]): { line: DraftLine; index: number }[] {
  const rows: { line: DraftLine; index: number }[] = [];
  lines.forEach((line, index) => {
    if (!isBlankLine(line)) rows.push({ line, index });
  });
  return rows;
}

/**
 * The longest lead time among the products named, first one on a tie. Whole days, rounded up;
 * a lead time that is not a positive number counts as none.
 */
function longestLeadTime(
  rows: { line: DraftLine }[],
  products: ReadonlyMap<string, CatalogProduct>,
): LongestLeadTime | null {
  let longest: LongestLeadTime | null = null;
  for (const { line } of rows) {
    const sku = filled(line.sku);
    const product = sku === null ? undefined : products.get(sku.toUpperCase());
    const days = product && Number.isFinite(product.leadTimeDays) ? Math.ceil(product.leadTimeDays) : 0;
    if (product && days > 0 && (!longest || days > longest.days)) longest = { sku: product.sku, days };
  }
  return longest;
}
