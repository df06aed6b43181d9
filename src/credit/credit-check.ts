import { formatCents } from '../money.ts';

/**
 * The credit check a new order passes before it is confirmed (issue: "Credit check"). Exposure
 * is what the customer already owes or has on order: the value of their open orders plus their
 * outstanding receivables. All figures are whole cents.
 */
export interface CreditFigures {
  creditLimitCents: number;
  /** Receivables not yet paid; negative when the customer is in credit. */
  outstandingCents: number;
  /** Total of the customer's open orders (orders/customer-credit.ts), this order not included. */
  openOrdersCents: number;
  orderCents: number;
  creditStop: boolean;
}

interface CreditSums {
  exposureCents: number;
  limitCents: number;
  orderCents: number;
  openOrdersCents: number;
  outstandingCents: number;
}

export type CreditVerdict =
  | ({ verdict: 'ok' } & CreditSums)
  | ({
      verdict: 'hold';
      reason: 'credit_stop' | 'over_limit';
      /** By how much exposure plus this order passes the limit; 0 on credit stop within the limit. */
      overByCents: number;
      message: string;
    } & CreditSums);

/**
 * Holds the order when the customer is on credit stop or when exposure plus this order passes
 * the credit limit; reaching the limit exactly is still within it. Figures that are not whole
 * cents can only come from a bug upstream, and a credit decision must not be guessed from them,
 * so they throw.
 */
export function checkCredit(figures: CreditFigures): CreditVerdict {
  const { creditLimitCents, outstandingCents, openOrdersCents, orderCents, creditStop } = figures;
  for (const [name, value] of Object.entries({
    creditLimitCents,
    outstandingCents,
    openOrdersCents,
    orderCents,
  })) {
    if (!Number.isSafeInteger(value))
      throw new RangeError(`checkCredit: ${name} must be whole cents, got ${value}`);
  }
  const exposureCents = openOrdersCents + outstandingCents;
  const sums: CreditSums = {
    exposureCents,
    limitCents: creditLimitCents,
    orderCents,
    openOrdersCents,
    outstandingCents,
  };
  const overByCents = Math.max(0, exposureCents + orderCents - creditLimitCents);
  const figuresText = `Exposure ${formatCents(exposureCents)} (open orders ${formatCents(openOrdersCents)} + receivables ${formatCents(outstandingCents)}) plus this order ${formatCents(orderCents)}`;
  if (creditStop) {
    const against =
      overByCents > 0
        ? `exceeds the credit limit ${formatCents(creditLimitCents)} by ${formatCents(overByCents)}`
        : `is within the credit limit ${formatCents(creditLimitCents)}`;
    const message = `The customer is on credit stop. ${figuresText} ${against}.`;
    return { verdict: 'hold', reason: 'credit_stop', overByCents, message, ...sums };
  }
  if (overByCents > 0) {
    const message = `${figuresText} exceeds the credit limit ${formatCents(creditLimitCents)} by ${formatCents(overByCents)}.`;
    return { verdict: 'hold', reason: 'over_limit', overByCents, message, ...sums };
  }
  return { verdict: 'ok', ...sums };
}
