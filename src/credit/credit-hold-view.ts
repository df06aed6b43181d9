import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { orderEvents } from '../db/schema.ts';
import type { OrderEvent } from '../orders/order-events.ts';
import { loadOrderSnapshot, type OrderSnapshot } from '../orders/order-snapshot.ts';

type CreditCheck = Extract<OrderEvent, { type: 'credit_checked' }>['data'];
type CreditDecision = Extract<OrderEvent, { type: 'credit_decided' }>['data'];

/** What the finance hold card shows: the order, why it was held, and who decided. */
export interface CreditHoldView {
  order: OrderSnapshot;
  check: CreditCheck | null;
  decision: (CreditDecision & { actor: string; at: Date }) | null;
}

export async function loadCreditHoldView(db: DbOrTx, orderId: number): Promise<CreditHoldView | null> {
  const order = await loadOrderSnapshot(db, orderId);
  if (!order) return null;
  const events = await db
    .select()
    .from(orderEvents)
    .where(
      and(eq(orderEvents.orderId, orderId), inArray(orderEvents.type, ['credit_checked', 'credit_decided'])),
    )
    .orderBy(desc(orderEvents.id));
  const check = events.find((e) => e.type === 'credit_checked');
  const decided = events.find((e) => e.type === 'credit_decided');
  return {
    order,
    check: check ? (check.data as CreditCheck) : null,
    decision: decided ? { ...(decided.data as CreditDecision), actor: decided.actor, at: decided.at } : null,
  };
}
