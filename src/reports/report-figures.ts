import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { changeRequestOrdersSql, exceptionRowsSql } from './exception-source.ts';
import {
  type CohortIds,
  cohortCte,
  cohortIds,
  filterSql,
  inCohortIds,
  instant,
  type ReportScope,
} from './report-scope.ts';

/** Durations in seconds; null when nothing was measured. */
export interface DurationStats {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
}

export interface WeekFigures {
  /** The Monday the week starts on, in the business time zone. */
  week: string;
  orders: number;
  valueCents: number;
  delivered: number;
  onTime: number;
}

export interface ReportFigures {
  orders: number;
  cancelled: number;
  /** Of the orders not cancelled. */
  valueCents: number;
  delivered: number;
  /** Delivered on or before the promised date. Orders ship whole (no partial deliveries), so on time is in full. */
  onTimeInFull: number;
  /** Received → delivered. */
  cycle: DurationStats;
  /** Each department's step, opened → done, longest median first. */
  stages: { department: string; stats: DurationStats }[];
  /** The stage with the longest median time. */
  bottleneck: string | null;
  weeks: WeekFigures[];
  /** Open now (whatever the period), in the report's customer, product or department. */
  backlog: { open: number; overdue: number; ageing: { days: string; orders: number }[] };
  exceptions: { orders: number; byType: { type: string; department: string | null; orders: number }[] };
  /** null while change requests are not recorded (see exception-source.ts). */
  changeRequests: { orders: number };
  credit: {
    holds: number;
    approved: number;
    rejected: number;
    undecided: number;
    timeToDecision: DurationStats;
  };
  satisfaction: { count: number; average: number | null; distribution: number[] };
}

export interface ReportQuery {
  scope: ReportScope;
  now: Date;
  timeZone: string;
}

const openStatuses = ['received', 'confirmed', 'allocated', 'in_production', 'ready', 'shipped', 'on_hold'];

/**
 * Every figure of a report, aggregated by the database (nothing is loaded row by row): a few
 * statements over the same cohort, sent together so a server runs them on several connections.
 */
export async function reportFigures(db: DbOrTx, query: ReportQuery): Promise<ReportFigures> {
  const cohort = cohortCte(query.scope);
  const ids = await cohortIds(db, query.scope);
  const [{ headline, credit }, weeks, stages, backlog, exceptions, changes, satisfaction] = await Promise.all(
    [
      headlineFigures(db, cohort, query.timeZone),
      weekFigures(db, cohort, query.timeZone),
      stageFigures(db, cohort, ids),
      backlogFigures(db, query),
      exceptionFigures(db, cohort, ids),
      changeRequestFigures(db, cohort, ids),
      satisfactionFigures(db, cohort, ids),
    ],
  );
  return {
    ...headline,
    weeks,
    stages,
    bottleneck: stages[0]?.stats.p50 != null ? (stages[0]?.department ?? null) : null,
    backlog,
    exceptions,
    changeRequests: changes,
    credit,
    satisfaction,
  };
}

/** Count, mean and percentiles of `seconds`, as columns `<prefix>n`, `<prefix>mean`, `<prefix>p50`, `<prefix>p90`. */
const statsColumns = (seconds: SQL, prefix = '') => sql`count(${seconds})::int as ${sql.raw(`${prefix}n`)},
  avg(${seconds})::float8 as ${sql.raw(`${prefix}mean`)},
  percentile_cont(0.5) within group (order by ${seconds}) as ${sql.raw(`${prefix}p50`)},
  percentile_cont(0.9) within group (order by ${seconds}) as ${sql.raw(`${prefix}p90`)}`;

interface StatsRow {
  n: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
}
const stats = (r: StatsRow | undefined): DurationStats => ({
  count: Number(r?.n ?? 0),
  mean: num(r?.mean),
  p50: num(r?.p50),
  p90: num(r?.p90),
});
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Orders, value, deliveries, cycle time and credit holds of the whole period, in one pass over
 * the cohort: an order's first delivery and its credit hold are on its row (kept from its events).
 */
async function headlineFigures(db: DbOrTx, cohort: SQL, timeZone: string) {
  const [row] = await queryRows<
    StatsRow & {
      orders: number;
      cancelled: number;
      value: number;
      on_time: number;
      holds: number;
      approved: number;
      rejected: number;
      credit_n: number;
      credit_mean: number | null;
      credit_p50: number | null;
      credit_p90: number | null;
    }
  >(
    db,
    sql`with ${cohort}
      select count(*)::int as orders,
        count(*) filter (where status = 'cancelled')::int as cancelled,
        coalesce(sum(total_cents) filter (where status <> 'cancelled'), 0)::float8 as value,
        count(*) filter (where (delivered_at at time zone ${timeZone})::date <= delivery_date)::int as on_time,
        ${statsColumns(sql`extract(epoch from delivered_at - created_at)`)},
        count(credit_held_at)::int as holds,
        count(*) filter (where credit_decision = 'approved')::int as approved,
        count(*) filter (where credit_decision = 'rejected')::int as rejected,
        ${statsColumns(sql`extract(epoch from credit_decided_at - credit_held_at)`, 'credit_')}
      from c`,
  );
  const holds = Number(row?.holds ?? 0);
  const decided = Number(row?.credit_n ?? 0);
  return {
    headline: {
      orders: Number(row?.orders ?? 0),
      cancelled: Number(row?.cancelled ?? 0),
      valueCents: Number(row?.value ?? 0),
      delivered: Number(row?.n ?? 0),
      onTimeInFull: Number(row?.on_time ?? 0),
      cycle: stats(row),
    },
    credit: {
      holds,
      approved: Number(row?.approved ?? 0),
      rejected: Number(row?.rejected ?? 0),
      undecided: holds - decided,
      timeToDecision: stats({
        n: decided,
        mean: row?.credit_mean ?? null,
        p50: row?.credit_p50 ?? null,
        p90: row?.credit_p90 ?? null,
      }),
    },
  };
}

/** The same counts per week (no percentiles: a week's are not shown), a hash over the cohort. */
async function weekFigures(db: DbOrTx, cohort: SQL, timeZone: string): Promise<WeekFigures[]> {
  const rows = await queryRows<{
    week: string;
    orders: number;
    value: number;
    delivered: number;
    on_time: number;
  }>(
    db,
    sql`with ${cohort}, weeks as (
        select c.*, date_trunc('week', c.created_at at time zone ${timeZone})::date as week from c)
      select to_char(week, 'YYYY-MM-DD') as week, count(*)::int as orders,
        coalesce(sum(total_cents) filter (where status <> 'cancelled'), 0)::float8 as value,
        count(delivered_at)::int as delivered,
        count(*) filter (where (delivered_at at time zone ${timeZone})::date <= delivery_date)::int as on_time
      from weeks group by week order by week`,
  );
  return rows.map((r) => ({
    week: r.week,
    orders: Number(r.orders),
    valueCents: Number(r.value),
    delivered: Number(r.delivered),
    onTime: Number(r.on_time),
  }));
}

async function stageFigures(db: DbOrTx, cohort: SQL, ids: CohortIds | null) {
  const rows = await queryRows<StatsRow & { department: string }>(
    db,
    sql`with ${cohort}, steps as (
        select a.department_id, a.step_seconds as seconds
        from c join assignments a on a.order_id = c.id and ${inCohortIds(sql`a.order_id`, ids)}
        where a.step_seconds is not null),
      per_stage as (
        select d.name as department, s.* from (
          select department_id, ${statsColumns(sql`seconds`)} from steps group by department_id) s
        join departments d on d.id = s.department_id)
      select *, rank() over (order by p50 desc, department) as place from per_stage order by place`,
  );
  return rows.map((r) => ({ department: r.department, stats: stats(r) }));
}

async function backlogFigures(db: DbOrTx, query: ReportQuery) {
  const { now } = query;
  const where = [
    sql`o.status in (${sql.join(
      openStatuses.map((s) => sql`${s}`),
      sql`, `,
    )})`,
    ...filterSql(query.scope),
  ];
  const today = sql`(${instant(now)} at time zone ${query.timeZone})::date`;
  const age = sql`(${instant(now)} - o.created_at)`;
  const [row] = await queryRows<{
    open: number;
    overdue: number;
    d7: number;
    d30: number;
    d90: number;
    older: number;
  }>(
    db,
    sql`select count(*)::int as open,
        count(*) filter (where o.delivery_date < ${today})::int as overdue,
        count(*) filter (where ${age} <= interval '7 days')::int as d7,
        count(*) filter (where ${age} > interval '7 days' and ${age} <= interval '30 days')::int as d30,
        count(*) filter (where ${age} > interval '30 days' and ${age} <= interval '90 days')::int as d90,
        count(*) filter (where ${age} > interval '90 days')::int as older
      from orders o where ${sql.join(where, sql` and `)}`,
  );
  return {
    open: Number(row?.open ?? 0),
    overdue: Number(row?.overdue ?? 0),
    ageing: [
      { days: '0–7', orders: Number(row?.d7 ?? 0) },
      { days: '8–30', orders: Number(row?.d30 ?? 0) },
      { days: '31–90', orders: Number(row?.d90 ?? 0) },
      { days: 'over 90', orders: Number(row?.older ?? 0) },
    ],
  };
}

async function exceptionFigures(db: DbOrTx, cohort: SQL, ids: CohortIds | null) {
  const rows = await queryRows<{ type: string | null; department: string | null; orders: number }>(
    db,
    sql`with ${cohort}, ex as (${exceptionRowsSql(ids)})
      select type, department, count(distinct order_id)::int as orders from ex
        group by grouping sets ((), (type, department)) order by type nulls first, department`,
  );
  const total = rows.find((r) => r.type === null);
  return {
    orders: Number(total?.orders ?? 0),
    byType: rows
      .filter((r) => r.type !== null)
      .map((r) => ({ type: r.type ?? '', department: r.department, orders: Number(r.orders) })),
  };
}

async function changeRequestFigures(db: DbOrTx, cohort: SQL, ids: CohortIds | null) {
  const [row] = await queryRows<{ orders: number }>(
    db,
    sql`with ${cohort} select count(distinct order_id)::int as orders from (${changeRequestOrdersSql(ids)}) x`,
  );
  return { orders: Number(row?.orders ?? 0) };
}

async function satisfactionFigures(db: DbOrTx, cohort: SQL, ids: CohortIds | null) {
  const rows = await queryRows<{ rating: number | null; n: number; average: number | null }>(
    db,
    sql`with ${cohort} select f.rating, count(*)::int as n, avg(f.rating)::float8 as average
      from c join order_feedback f on f.order_id = c.id and ${inCohortIds(sql`f.order_id`, ids)}
      group by grouping sets ((), (f.rating))`,
  );
  const total = rows.find((r) => r.rating === null);
  const distribution = [1, 2, 3, 4, 5].map((stars) => Number(rows.find((r) => r.rating === stars)?.n ?? 0));
  return { count: Number(total?.n ?? 0), average: num(total?.average), distribution };
}
