import { randomUUID } from 'node:crypto';
import { calendarYear } from '../dates.ts';
import type { DbOrTx } from '../db/client.ts';
import { orderLines, orders } from '../db/schema.ts';
import { showOrderCard } from './order-cards.ts';
import type { UseCaseContext } from './order-context.ts';
import { appendOrderEvent, numberOrder, type OrderRow } from './order-store.ts';

export interface NewOrderLine {
  productId: number;
  spec: string;
  quantity: number;
  unitPriceCents: number;
}

export interface NewOrder {
  customerId: number;
  deliveryDate: string;
  paymentMethod: string;
  customerPo?: string | null;
  notes?: string;
  ownerId: string;
  lines: NewOrderLine[];
  /** Where it was entered from; an order with the same key already stored is not stored again. */
  intakeKey?: string | null;
}

/**
 * Stores a received order with its lines, numbers it, records the `received` event and shows
 * its card in the owner's DM — all in one transaction.
 */
export function createOrder(ctx: UseCaseContext, input: NewOrder): Promise<OrderRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction((tx) => insertOrder(tx, now, ctx.timeZone, input));
}

/** createOrder inside a transaction the caller holds, for use cases that do more in it. */
export async function insertOrder(
  tx: DbOrTx,
  now: Date,
  timeZone: string,
  input: NewOrder,
): Promise<OrderRow> {
  const lines = input.lines.map((line, i) => ({
    ...line,
    lineNo: i + 1,
    amountCents: line.quantity * line.unitPriceCents,
  }));
  const totalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const [stored] = await tx
    .insert(orders)
    .values({
      // A stand-in until numberOrder, the last step, gives the real number.
      number: `~${randomUUID()}`,
      customerId: input.customerId,
      status: 'received',
      deliveryDate: input.deliveryDate,
      paymentMethod: input.paymentMethod,
      customerPo: input.customerPo ?? null,
      notes: input.notes ?? '',
      ownerId: input.ownerId,
      intakeKey: input.intakeKey ?? null,
      totalCents,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!stored) throw new Error('order insert returned no row');
  // Both go down one connection; postgres.js pipelines them instead of waiting twice.
  await Promise.all([
    tx.insert(orderLines).values(lines.map((l) => ({ ...l, orderId: stored.id }))),
    showOrderCard(tx, now, stored, input.ownerId),
  ]);
  const number = await numberOrder(tx, stored.id, calendarYear(now, timeZone));
  await appendOrderEvent(tx, stored.id, input.ownerId, now, {
    type: 'received',
    data: { number, lineCount: lines.length, totalCents },
  });
  return { ...stored, number };
}
