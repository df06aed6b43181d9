import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { together } from '../db/together.ts';
import { changeRequestOrdersSql, exceptionRowsSql } from './exception-source.ts';
import {
  type CohortIds,
  cohortCte,
  cohortIds,
  filterSql,
  inCohortIds,
  instant,
  isNarrowed,
  type ReportScope,
} from './report-scope.ts';
import { reportTransaction } from './report-transaction.ts';
import { totalOf, weekCounts } from './report-weeks.ts';

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
 * statements over the same cohort, in one read-only transaction so they see the same orders,
 * with room to sort a period's durations in memory.
 */
export async function reportFigures(db: DbOrTx, query: ReportQuery): Promise<ReportFigures> {
  return reportTransaction(db, async (tx, alongside) => {
    // The longest statements each on a connection of their own (see reportTransaction for how
    // they still read one state of the database). A whole period's weeks and cycle times need no
    // range of ids, so they start while it is asked for; a narrowed report's wait for it.
    const asked = cohortIds(tx, query.scope);
    const ranged = async () => cohortCte(query.scope, await asked);
    const early = async () => (isNarrowed(query.scope) ? ranged() : cohortCte(query.scope));
    const [weeks, [durations, backlog], [stages, exceptions, changeRequests, satisfaction]] = await together(
      alongside(async (t) => weekCounts(t, await early(), query.scope, query.timeZone)),
      alongside(
        async (t) => [await durationFigures(t, await early()), await backlogFigures(t, query)] as const,
      ),
      asked.then(async (ids) => {
        const cohort = await ranged();
        return together(
          alongside((t) => stageFigures(t, cohort, ids)),
          exceptionFigures(tx, cohort, ids),
          changeRequestFigures(tx, cohort, ids),
          satisfactionFigures(tx, cohort, ids),
        );
      }),
    );
    const total = totalOf(weeks);
    return {
      orders: total.orders,
      cancelled: total.cancelled,
      valueCents: total.valueCents,
      delivered: total.delivered,
      onTimeInFull: total.onTime,
      cycle: durations.cycle,
      stages,
      bottleneck: stages[0]?.stats.p50 != null ? (stages[0]?.department ?? null) : null,
      weeks: weeks.map(({ week, counts }) => ({
        week,
        orders: counts.orders,
        valueCents: counts.valueCents,
        delivered: counts.delivered,
        onTime: counts.onTime,
      })),
      backlog,
      exceptions,
      changeRequests,
      credit: {
        holds: total.creditHolds,
        approved: total.approved,
        rejected: total.rejected,
        undecided: total.creditHolds - durations.creditDecision.count,
        timeToDecision: durations.creditDecision,
      },
      satisfaction,
    };
  });
}

/**
 * Count, mean and median and 90th percentile (one sort) of a stored duration in microseconds,
 * as columns `<prefix>n`, `<prefix>mean`, `<prefix>p`.
 */
const statsColumns = (micros: SQL, prefix = '') => sql`count(${micros})::int as ${sql.raw(`${prefix}n`)},
  avg(${micros})::float8 as ${sql.raw(`${prefix}mean`)},
  percentile_cont(array[0.5, 0.9]) within group (order by ${micros}) as ${sql.raw(`${prefix}p`)}`;

interface StatsRow {
  n: number;
  mean: number | null;
  p: number[] | null;
}

/** Seconds from microseconds, rounded to the microsecond so a figure reads the same on every driver. */
const seconds = (micros: unknown): number | null =>
  micros === null || micros === undefined ? null : Math.round(Number(micros)) / 1e6;

const stats = (r: StatsRow | undefined): DurationStats => ({
  count: Number(r?.n ?? 0),
  mean: seconds(r?.mean),
  p50: seconds(r?.p?.[0]),
  p90: seconds(r?.p?.[1]),
});
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Cycle time and credit decision time of the whole period, from the cohort's stored durations. */
async function durationFigures(db: DbOrTx, cohort: SQL) {
  const [row] = await queryRows<
    StatsRow & { credit_n: number; credit_mean: number | null; credit_p: number[] | null }
  >(
    db,
    sql`with ${cohort}
      select ${statsColumns(sql`cycle_microseconds`)},
        ${statsColumns(sql`credit_decision_microseconds`, 'credit_')}
      from c`,
  );
  return {
    cycle: stats(row),
    creditDecision: stats({
      n: row?.credit_n ?? 0,
      mean: row?.credit_mean ?? null,
      p: row?.credit_p ?? null,
    }),
  };
}

async function stageFigures(db: DbOrTx, cohort: SQL, ids: CohortIds | null) {
  const rows = await queryRows<StatsRow & { department: string }>(
    db,
    sql`with ${cohort}
      select d.name as department, s.* from (
          select department_id, ${statsColumns(sql`a.step_microseconds`)} from assignments a
          where a.step_microseconds is not null and ${inCohortIds(sql`a.order_id`, ids)}
          group by department_id) s
        join departments d on d.id = s.department_id
      order by s.p[1] desc, department`,
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
      from order_feedback f where ${inCohortIds(sql`f.order_id`, ids)}
      group by grouping sets ((), (f.rating))`,
  );
  const total = rows.find((r) => r.rating === null);
  const distribution = [1, 2, 3, 4, 5].map((stars) => Number(rows.find((r) => r.rating === stars)?.n ?? 0));
  return { count: Number(total?.n ?? 0), average: num(total?.average), distribution };
}
