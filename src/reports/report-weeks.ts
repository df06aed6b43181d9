import { type SQL, sql } from 'drizzle-orm';
import { addDays, calendarDate, mondayOf, zonedInstant } from '../calendar.ts';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

/** A period's counts in one business week, or summed over several. */
export interface WeekCounts {
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

const zero: WeekCounts = {
  orders: 0,
  cancelled: 0,
  valueCents: 0,
  delivered: 0,
  onTime: 0,
  creditHolds: 0,
  approved: 0,
  rejected: 0,
};

const add = (a: WeekCounts, b: WeekCounts): WeekCounts => ({
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
 * Where each week of the period starts: the period's first instant, then every Monday's
 * midnight in the business time zone before its end, with the Monday each week is named by.
 */
function weekStarts(from: Date, to: Date, timeZone: string): { week: string; at: Date }[] {
  const starts = [{ week: mondayOf(calendarDate(from, timeZone)), at: from }];
  for (;;) {
    const week = addDays(starts[starts.length - 1]?.week ?? '', 7);
    const at = zonedInstant(week, 0, timeZone);
    if (at >= to) return starts;
    starts.push({ week, at });
  }
}

/**
 * The cohort `c`'s counts per business week of receipt, in one pass grouped into a row a week.
 * An order's week is found among the weeks' starting instants (width_bucket), which costs less
 * per order than turning its receipt into a business day.
 */
export async function weekCounts(
  db: DbOrTx,
  cohort: SQL,
  scope: { from: Date; to: Date },
  timeZone: string,
): Promise<{ week: string; counts: WeekCounts }[]> {
  const starts = weekStarts(scope.from, scope.to, timeZone);
  const bounds = `{${starts.map((s) => s.at.toISOString()).join(',')}}`;
  const rows = await queryRows<{
    bucket: number;
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
      select width_bucket(created_at, ${bounds}::timestamptz[]) as bucket, count(*)::int as orders,
        count(*) filter (where status = 'cancelled')::int as cancelled,
        coalesce(sum(total_cents::float8) filter (where status <> 'cancelled'), 0) as value,
        count(delivered_at)::int as delivered,
        count(*) filter (where (delivered_at at time zone ${timeZone})::date <= delivery_date)::int as on_time,
        count(credit_held_at)::int as holds,
        count(*) filter (where credit_decision = 'approved')::int as approved,
        count(*) filter (where credit_decision = 'rejected')::int as rejected
      from c group by bucket order by bucket`,
  );
  return rows.map((r) => ({
    week: starts[Number(r.bucket) - 1]?.week ?? '',
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

/** The weeks' counts added up. */
export const totalOf = (weeks: { counts: WeekCounts }[]): WeekCounts =>
  weeks.reduce((sum, w) => add(sum, w.counts), zero);
