import { sql } from 'drizzle-orm';
import { calendarYear } from '../calendar.ts';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { waitForDisk } from '../db/early-commit.ts';
import { queryRows, toNumber } from '../db/rows.ts';
import { cardEffect, cardKeyAround } from './order-cards.ts';
import type { OrderRow } from './order-store.ts';

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

/** What the order's lines come to. */
export function orderTotalCents(lines: readonly Pick<NewOrderLine, 'quantity' | 'unitPriceCents'>[]): number {
  return lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
}

/**
 * Stores a received order with its lines, numbers it, records the `received` event and shows
 * its card in the owner's DM — all at once or not at all — and returns once it is on disk.
 */
export async function createOrder(ctx: UseCaseContext, input: NewOrder): Promise<OrderRow> {
  // One statement is atomic on its own: without BEGIN and COMMIT round trips around it, the
  // counter row is locked only while the server runs it and commits.
  const order = await insertOrder(ctx.db, ctx.clock.now(), ctx.timeZone, input);
  await waitForDisk(ctx.db);
  return order;
}

/**
 * Stores an order in one statement, inside the caller's transaction when it holds one (use
 * cases that do more in it): the number, the order, its lines, the `received` event and the
 * request for its card in the owner's DM (as showOrderCard makes it). The statement is the
 * function of drizzle/0026_insert_order_function.sql, which says why; it takes the year's
 * number counter as late as it can. Each round trip costs more than the statement's work
 * (bench: a socket write took a third of the CPU when this was ten statements). A new order is
 * on nobody's App Home yet, so no Home is redrawn.
 *
 * On Postgres the transaction it runs in commits without waiting for the disk, which lets the
 * counter go for the next order during the flush (drizzle/0031): tell nobody the order is
 * stored before waitForDisk has returned after the commit.
 */
export async function insertOrder(
  tx: DbOrTx,
  now: Date,
  timeZone: string,
  input: NewOrder,
): Promise<OrderRow> {
  const lines = input.lines.map((line, i) => ({
    line_no: i + 1,
    product_id: line.productId,
    spec: line.spec,
    quantity: line.quantity,
    unit_price_cents: line.unitPriceCents,
    amount_cents: line.quantity * line.unitPriceCents,
  }));
  const totalCents = orderTotalCents(input.lines);
  const year = calendarYear(now, timeZone);
  const owner = input.ownerId;
  const cardKey = cardKeyAround(owner, 'order', 1);
  const [row] = await queryRows<{ id: unknown; number: string }>(
    tx,
    sql`select id, number from orderdesk_insert_order(
          ${year}::int, ${`SO-${year}-`}, ${input.customerId}::bigint, ${input.deliveryDate}::date,
          ${input.paymentMethod}, ${input.customerPo ?? null}::text, ${input.notes ?? ''}, ${owner},
          ${input.intakeKey ?? null}::text, ${totalCents}::bigint, ${now.toISOString()}::timestamptz,
          ${JSON.stringify(lines)}::jsonb, ${cardKey.before}, ${cardKey.after},
          ${JSON.stringify(cardEffect(0, 'order'))}::jsonb)`,
  );
  if (!row) throw new Error('order insert returned no row');
  return {
    id: toNumber(row.id),
    number: row.number,
    customerId: input.customerId,
    status: 'received',
    statusBeforeHold: null,
    holdKind: null,
    holdReason: null,
    deliveryDate: input.deliveryDate,
    paymentMethod: input.paymentMethod,
    customerPo: input.customerPo ?? null,
    notes: input.notes ?? '',
    ownerId: owner,
    intakeKey: input.intakeKey ?? null,
    version: 1,
    totalCents,
    createdAt: now,
    updatedAt: now,
    deliveredAt: null,
    creditHeldAt: null,
    creditDecidedAt: null,
    creditDecision: null,
    cycleMicroseconds: null,
    creditDecisionMicroseconds: null,
  };
}
