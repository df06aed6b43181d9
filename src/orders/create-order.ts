import { sql } from 'drizzle-orm';
import { calendarYear } from '../calendar.ts';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
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
 * its card in the owner's DM — all at once or not at all.
 */
export function createOrder(ctx: UseCaseContext, input: NewOrder): Promise<OrderRow> {
  // One statement is atomic on its own: without BEGIN and COMMIT round trips around it, the
  // counter row is locked only while the server runs it and commits.
  return insertOrder(ctx.db, ctx.clock.now(), ctx.timeZone, input);
}

/**
 * Stores an order in one statement, inside the caller's transaction when it holds one (use
 * cases that do more in it). The statement writes the number, the order, its lines, the
 * `received` event and the request for its card in the owner's DM (as showOrderCard makes it).
 * Each round trip costs more than the statement's work (bench: a socket write took a third of
 * the CPU when this was ten statements). Numbers never repeat or skip: a failed insert takes its
 * number back with it. A new order is on nobody's App Home yet, so no Home is redrawn.
 *
 * The year's counter row is locked from its update to COMMIT, and every other new order waits
 * for it, so it is taken as late as the statement allows: the order's id comes from its sequence
 * first, the rows that need only the id are written, and `written` (which counts them) gates the
 * counter, so the lock covers only the order row, its event and the foreign-key checks that run
 * at the statement's end. Children before their parent are fine within one statement: those
 * checks see the whole statement's rows.
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
  const at = now.toISOString();
  const owner = input.ownerId;
  const cardKey = cardKeyAround(owner, 'order', 1);
  const [row] = await queryRows<{ id: unknown; number: string }>(
    tx,
    sql`with new_order as (
          select nextval('orders_id_seq') as id
        ), lines_in as (
          insert into order_lines (order_id, line_no, product_id, spec, quantity, unit_price_cents, amount_cents)
          select new_order.id, l.line_no, l.product_id, l.spec, l.quantity, l.unit_price_cents, l.amount_cents
          from new_order cross join jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as l(
            line_no int, product_id bigint, spec text, quantity int, unit_price_cents bigint, amount_cents bigint)
          returning 1
        ), card as (
          insert into slack_messages (order_id, channel, card) select new_order.id, ${owner}, 'order' from new_order
          on conflict do nothing
          returning 1
        ), card_request as (
          insert into outbox (idempotency_key, channel, payload, available_at, created_at)
          select ${cardKey.before} || new_order.id || ${cardKey.after}, ${owner},
                 jsonb_set(${JSON.stringify(cardEffect(0, 'order'))}::jsonb, '{orderId}', to_jsonb(new_order.id)),
                 ${at}::timestamptz, ${at}::timestamptz
          from new_order
          on conflict (idempotency_key) do nothing
          returning 1
        ), gate as (
          insert into slack_channel_gates (channel, next_send_at) values (${owner}, ${at}::timestamptz)
          on conflict (channel) do nothing
          returning 1
        ), written as (
          select (select count(*) from lines_in) + (select count(*) from card)
               + (select count(*) from card_request) + (select count(*) from gate) as rows
        ), next as (
          insert into order_number_counters (year, last)
          select ${year}, 1 from written where written.rows >= 0
          on conflict (year) do update set last = order_number_counters.last + 1
          returning last
        ), o as (
          insert into orders (id, number, customer_id, status, delivery_date, payment_method, customer_po, notes,
                              owner_id, intake_key, total_cents, created_at, updated_at)
          overriding system value
          select new_order.id, ${`SO-${year}-`} || lpad(next.last::text, greatest(6, length(next.last::text)), '0'),
                 ${input.customerId}, 'received', ${input.deliveryDate}::date, ${input.paymentMethod},
                 ${input.customerPo ?? null}, ${input.notes ?? ''}, ${owner}, ${input.intakeKey ?? null},
                 ${totalCents}, ${at}::timestamptz, ${at}::timestamptz
          from new_order, next
          returning id, number
        ), received as (
          insert into order_events (order_id, actor, type, at, data)
          select o.id, ${owner}, 'received', ${at}::timestamptz,
                 jsonb_build_object('number', o.number, 'lineCount', ${lines.length}::int, 'totalCents', ${totalCents}::bigint)
          from o
        )
        select id, number from o`,
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
