import { type SQL, sql } from 'drizzle-orm';
import { mondayOf } from '../calendar.ts';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

/** A period's counts on one business day, or summed over several. */
export interface DayCounts {
  orders: number;
  cancelled: number;
  /** Of the orders not cancelled. */
  valueCents: number;
  delivered: number;
  /** Delivered on or before the promised date, in the business time zone. */
  onTime: number;
  creditHolds: number;
  approved: number;
  rejected: number;
}

const zero: DayCounts = {
  orders: 0,
  cancelled: 0,
  valueCents: 0,
  delivered: 0,
  onTime: 0,
  creditHolds: 0,
  approved: 0,
  rejected: 0,
};

const add = (a: DayCounts, b: DayCounts): DayCounts => ({
  orders: a.orders + b.orders,
  cancelled: a.cancelled + b.cancelled,
  valueCents: a.valueCents + b.valueCents,
  delivered: a.delivered + b.delivered,
  onTime: a.onTime + b.onTime,
  creditHolds: a.creditHolds + b.creditHolds,
  approved: a.approved + b.approved,
  rejected: a.rejected + b.rejected,
});

/**
 * The cohort `c`'s counts per business day of receipt: one pass, grouped into a few hundred rows
 * at most a year, which the period's totals and its weeks are added up from.
 */
export async function dayCounts(
  db: DbOrTx,
  cohort: SQL,
  timeZone: string,
): Promise<{ day: string; counts: DayCounts }[]> {
  const rows = await queryRows<{
    day: string;
    orders: number;
    cancelled: number;
    value: number;
    delivered: number;
    on_time: number;
    holds: number;
    approved: number;
    rejected: number;
  }>(
    db,
    sql`with ${cohort}
      select to_char(day, 'YYYY-MM-DD') as day, count(*)::int as orders,
        count(*) filter (where status = 'cancelled')::int as cancelled,
        coalesce(sum(total_cents) filter (where status <> 'cancelled'), 0)::float8 as value,
        count(delivered_at)::int as delivered,
        count(*) filter (where (delivered_at at time zone ${timeZone})::date <= delivery_date)::int as on_time,
        count(credit_held_at)::int as holds,
        count(*) filter (where credit_decision = 'approved')::int as approved,
        count(*) filter (where credit_decision = 'rejected')::int as rejected
      from (select (created_at at time zone ${timeZone})::date as day, * from c) d
      group by day order by day`,
  );
  return rows.map((r) => ({
    day: r.day,
    counts: {
      orders: Number(r.orders),
      cancelled: Number(r.cancelled),
      valueCents: Number(r.value),
      delivered: Number(r.delivered),
      onTime: Number(r.on_time),
      creditHolds: Number(r.holds),
      approved: Number(r.approved),
      rejected: Number(r.rejected),
    },
  }));
}

/** The days' counts added up. */
export const totalOf = (days: { counts: DayCounts }[]): DayCounts =>
  days.reduce((sum, d) => add(sum, d.counts), zero);

/** The days' counts added up per week (starting on Monday), in order. */
export function weeksOf(days: { day: string; counts: DayCounts }[]): { week: string; counts: DayCounts }[] {
  const weeks = new Map<string, DayCounts>();
  for (const { day, counts } of days) {
    const week = mondayOf(day);
    weeks.set(week, add(weeks.get(week) ?? zero, counts));
  }
  return [...weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, counts]) => ({ week, counts }));
}
