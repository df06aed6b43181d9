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
 * The cohort `c`'s counts per business week of receipt, a week with no orders left out. Each
 * week is aggregated over its own range of receipt times (a lateral subquery per week): the
 * planner reads each range of orders_report_idx in turn, with nothing to sort, where grouping a
 * computed week would sort every order of the period (it cannot tell how few weeks there are).
 */
export async function weekCounts(
  db: DbOrTx,
  cohort: SQL,
  scope: { from: Date; to: Date },
  timeZone: string,
): Promise<{ week: string; counts: WeekCounts }[]> {
  const starts = weekStarts(scope.from, scope.to, timeZone);
  const list = (instants: Date[]) => `{${instants.map((at) => at.toISOString()).join(',')}}`;
  const bounds = list(starts.map((s) => s.at));
  const ends = list([...starts.slice(1).map((s) => s.at), scope.to]);
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
      select w.bucket, x.* from unnest(${bounds}::timestamptz[], ${ends}::timestamptz[]) with ordinality w(start, stop, bucket)
      cross join lateral (select count(*)::int as orders,
        count(*) filter (where status = 'cancelled')::int as cancelled,
        coalesce(sum(total_cents::float8) filter (where status <> 'cancelled'), 0) as value,
        count(delivered_at)::int as delivered,
        count(*) filter (where (delivered_at at time zone ${timeZone})::date <= delivery_date)::int as on_time,
        count(credit_held_at)::int as holds,
        count(*) filter (where credit_decision = 'approved')::int as approved,
        count(*) filter (where credit_decision = 'rejected')::int as rejected
        from c where c.created_at >= w.start and c.created_at < w.stop) x
      where x.orders > 0 order by w.bucket`,
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
