import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers, orders } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { type OrderStatus, orderStatuses } from './order-states.ts';

/** Orders that still count against credit: everything not completed or cancelled. */
export const exposureStatuses: readonly OrderStatus[] = orderStatuses.filter(
  (s) => s !== 'completed' && s !== 'cancelled',
);

/** What a customer owes or has on order, against their limit: all whole cents. */
export interface CreditPosition {
  creditLimitCents: number;
  /** Receivables not yet paid; negative when the customer is in credit. */
  outstandingCents: number;
  /** Total of the customer's orders in an `exposureStatuses` status. */
  openOrdersCents: number;
  /** Open orders plus receivables: the credit used. */
  exposureCents: number;
  /** The limit less the exposure; negative when over it. */
  availableCents: number;
  creditStop: boolean;
}

/**
 * The one reading of a customer's credit: the intake's credit check decides on it (leaving out
 * the order being checked) and the customer view shows it, so the two never disagree.
 */
export async function customerCredit(
  db: DbOrTx,
  customerId: number,
  opts: { exceptOrderId?: number } = {},
): Promise<CreditPosition> {
  const [customer] = await db
    .select({
      creditLimitCents: customers.creditLimitCents,
      outstandingCents: customers.outstandingCents,
      creditStop: customers.creditStop,
    })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!customer) throw new AppError('not_found', `There is no customer with id ${customerId}.`);
  const [row] = await db
    .select({ total: sql<string | number>`coalesce(sum(${orders.totalCents}), 0)` })
    .from(orders)
    .where(
      and(
        eq(orders.customerId, customerId),
        inArray(orders.status, [...exposureStatuses]),
        opts.exceptOrderId === undefined ? undefined : ne(orders.id, opts.exceptOrderId),
      ),
    );
  const openOrdersCents = Number(row?.total ?? 0);
  const exposureCents = openOrdersCents + customer.outstandingCents;
  return {
    ...customer,
    openOrdersCents,
    exposureCents,
    availableCents: customer.creditLimitCents - exposureCents,
  };
}
