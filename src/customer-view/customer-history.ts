import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toDate, toNumber } from '../db/rows.ts';
import { type CreditPosition, customerCredit, exposureStatuses } from '../orders/customer-credit.ts';

export interface OpenOrder {
  id: number;
  number: string;
  status: string;
  deliveryDate: string;
  totalCents: number;
}

/** A customer's whole history at a glance: what `/order customer <name>` shows. */
export interface CustomerHistory {
  openOrders: OpenOrder[];
  openOrderCount: number;
  valueLast12MonthsCents: number;
  lifetimeValueCents: number;
  /** Delivered orders, and how many by their promised date. */
  delivered: number;
  deliveredOnTime: number;
  /** Problems raised on the customer's orders, resolved or not. */
  exceptions: number;
  /** Changes and cancellations sent to departments for the customer's orders, whatever came of them. */
  changes: number;
  ratings: number;
  averageRating: number | null;
  credit: CreditPosition;
  /** The last message sent to the customer or feedback logged from them. */
  lastContactAt: Date | null;
  /** The earliest follow-up still scheduled for one of their orders. */
  nextFollowUpAt: Date | null;
}

const shownOpenOrders = 10;

/** Reads the history in a few aggregate queries, none of which loads more than ten orders. */
export async function customerHistory(db: DbOrTx, customerId: number, now: Date): Promise<CustomerHistory> {
  const open = sql.join(
    exposureStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const yearAgo = new Date(now);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  const openOrders = await queryRows<Record<string, unknown>>(
    db,
    sql`select id, number, status, to_char(delivery_date, 'YYYY-MM-DD') as delivery_date, total_cents from orders
        where customer_id = ${customerId} and status in (${open})
        order by delivery_date, id limit ${shownOpenOrders}`,
  );
  const [figures] = await queryRows<Record<string, unknown>>(
    db,
    sql`select
      (select count(*) from orders where customer_id = ${customerId} and status in (${open})) as open_count,
      (select coalesce(sum(total_cents), 0) from orders where customer_id = ${customerId}
        and status <> 'cancelled' and created_at >= ${yearAgo.toISOString()}::timestamptz) as value_12m,
      (select coalesce(sum(total_cents), 0) from orders where customer_id = ${customerId}
        and status <> 'cancelled') as value_all,
      (select count(*) from shipments s join orders o on o.id = s.order_id
        where o.customer_id = ${customerId} and s.delivered_on is not null) as delivered,
      (select count(*) from shipments s join orders o on o.id = s.order_id
        where o.customer_id = ${customerId} and s.delivered_on <= o.delivery_date) as on_time,
      (select count(*) from exceptions x join orders o on o.id = x.order_id
        where o.customer_id = ${customerId}) as exceptions,
      (select count(*) from order_changes r join orders o on o.id = r.order_id
        where o.customer_id = ${customerId} and r.state <> 'draft') as changes,
      (select count(*) from order_feedback f join orders o on o.id = f.order_id
        where o.customer_id = ${customerId}) as ratings,
      (select avg(f.rating)::float8 from order_feedback f join orders o on o.id = f.order_id
        where o.customer_id = ${customerId}) as average_rating,
      (select max(e.at) from order_events e join orders o on o.id = e.order_id
        where o.customer_id = ${customerId}
        and e.type in ('customer_message_sent', 'feedback_logged')) as last_contact,
      (select min(j.run_at) from scheduled_jobs j join orders o on j.key = 'order:' || o.id
        where o.customer_id = ${customerId} and j.kind = 'order.followup'
        and j.status = 'scheduled') as next_follow_up`,
  );
  const f = figures ?? {};
  return {
    openOrders: openOrders.map((o) => ({
      id: toNumber(o.id),
      number: String(o.number),
      status: String(o.status),
      deliveryDate: String(o.delivery_date),
      totalCents: toNumber(o.total_cents),
    })),
    openOrderCount: toNumber(f.open_count),
    valueLast12MonthsCents: toNumber(f.value_12m),
    lifetimeValueCents: toNumber(f.value_all),
    delivered: toNumber(f.delivered),
    deliveredOnTime: toNumber(f.on_time),
    exceptions: toNumber(f.exceptions),
    changes: toNumber(f.changes),
    ratings: toNumber(f.ratings),
    averageRating:
      f.average_rating === null || f.average_rating === undefined ? null : toNumber(f.average_rating),
    credit: await customerCredit(db, customerId),
    lastContactAt: f.last_contact ? toDate(f.last_contact) : null,
    nextFollowUpAt: f.next_follow_up ? toDate(f.next_follow_up) : null,
  };
}
