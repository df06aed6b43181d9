import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toNumber } from '../db/rows.ts';
import { type OpenException, openExceptions } from './open-exceptions.ts';

/** Orders not shipped yet: what overdue and holds are read from (the partial index orders_unshipped_due_idx). */
const unshipped = sql.raw(`('received', 'confirmed', 'allocated', 'in_production', 'ready', 'on_hold')`);
/** How many items a list of the summary's thread shows; the count says the rest. */
export const listLimit = 15;

export const movedStates = ['confirmed', 'shipped', 'delivered', 'completed'] as const;
export type MovedState = (typeof movedStates)[number];

/** What happened in a stretch of time. */
export interface PeriodFigures {
  newOrders: number;
  newValueCents: number;
  moved: Record<MovedState, number>;
  ratings: number;
  /** Null without ratings. */
  averageRating: number | null;
}

export interface OrderItem {
  orderId: number;
  number: string;
  customer: string;
  /** What the list says of it: a value, a date, an age. */
  note: string;
}

export interface SummaryFigures {
  period: PeriodFigures;
  weekBefore: PeriodFigures;
  /** Notes: the order's value in cents. */
  newOrders: { count: number; items: OrderItem[] };
  /** Notes: the delivery date. */
  overdue: { count: number; items: OrderItem[] };
  /** Notes: the day the hold began. */
  holds: { count: number; items: OrderItem[] };
  /** Notes: the first date the department would fit the step. */
  capacityRisks: { department: string; steps: number; items: OrderItem[] }[];
  exceptions: OpenException[];
}

/** Everything a summary says, each figure one query over an index range of the period or of what is open. */
export async function summaryFigures(
  db: DbOrTx,
  q: {
    from: Date;
    to: Date;
    before: { from: Date; to: Date };
    /** The business date of the summary: what is overdue, where the capacity window starts. */
    today: string;
    /** The last day of the capacity window (ten working days on). */
    capacityUntil: string;
  },
): Promise<SummaryFigures> {
  const [period, weekBefore, newOrders, overdue, holds, capacityRisks, exceptions] = await Promise.all([
    periodFigures(db, q.from, q.to),
    periodFigures(db, q.before.from, q.before.to),
    listOf(
      db,
      sql`o.created_at >= ${q.from.toISOString()}::timestamptz and o.created_at < ${q.to.toISOString()}::timestamptz`,
      sql`o.created_at`,
      sql`o.total_cents::text`,
    ),
    listOf(
      db,
      sql`o.status in ${unshipped} and o.delivery_date < ${q.today}::date`,
      sql`o.delivery_date`,
      sql`o.delivery_date::text`,
    ),
    listOf(db, sql`o.status = 'on_hold'`, sql`o.updated_at`, sql`to_char(o.updated_at, 'YYYY-MM-DD')`),
    capacity(db, q.today, q.capacityUntil),
    openExceptions(db),
  ]);
  return { period, weekBefore, newOrders, overdue, holds, capacityRisks, exceptions };
}

async function periodFigures(db: DbOrTx, from: Date, to: Date): Promise<PeriodFigures> {
  const f = from.toISOString();
  const t = to.toISOString();
  const [created] = await queryRows<{ n: unknown; cents: unknown }>(
    db,
    sql`select count(*) as n, coalesce(sum(total_cents), 0) as cents from orders
      where created_at >= ${f}::timestamptz and created_at < ${t}::timestamptz`,
  );
  const moves = await queryRows<{ state: unknown; n: unknown }>(
    db,
    sql`select data->>'after' as state, count(*) as n from order_events
      where type = 'status_changed' and at >= ${f}::timestamptz and at < ${t}::timestamptz
      group by 1`,
  );
  const [feedback] = await queryRows<{ n: unknown; avg: unknown }>(
    db,
    sql`select count(*) as n, avg(rating)::float8 as avg from order_feedback
      where logged_at >= ${f}::timestamptz and logged_at < ${t}::timestamptz`,
  );
  const moved = Object.fromEntries(movedStates.map((s) => [s, 0])) as Record<MovedState, number>;
  for (const m of moves) {
    const state = String(m.state) as MovedState;
    if (state in moved) moved[state] = toNumber(m.n);
  }
  const ratings = toNumber(feedback?.n ?? 0);
  return {
    newOrders: toNumber(created?.n ?? 0),
    newValueCents: toNumber(created?.cents ?? 0),
    moved,
    ratings,
    averageRating: ratings ? toNumber(feedback?.avg) : null,
  };
}

type Row = { id: unknown; number: unknown; customer: unknown; note: unknown };

/** How many orders match, and the first of them with a note each. */
async function listOf(db: DbOrTx, where: SQL, orderBy: SQL, note: SQL) {
  const [counted] = await queryRows<{ n: unknown }>(
    db,
    sql`select count(*) as n from orders o where ${where}`,
  );
  const rows = await queryRows<Row>(
    db,
    sql`select o.id, o.number, c.name as customer, ${note} as note
      from orders o join customers c on c.id = o.customer_id
      where ${where} order by ${orderBy}, o.id limit ${listLimit}`,
  );
  return { count: toNumber(counted?.n ?? 0), items: rows.map(toItem) };
}

/** Steps flagged as not fitting their department's capacity, due within the window. */
async function capacity(db: DbOrTx, today: string, until: string) {
  const rows = await queryRows<Row & { department: unknown }>(
    db,
    sql`select d.name as department, o.id, o.number, c.name as customer, a.fits_on::text as note
      from assignments a
      join departments d on d.id = a.department_id
      join orders o on o.id = a.order_id
      join customers c on c.id = o.customer_id
      where a.status in ('pending', 'open', 'accepted', 'started') and a.fits_on is not null
        and a.due_on >= ${today}::date and a.due_on <= ${until}::date
      order by d.name, a.due_on, o.id`,
  );
  const byDepartment = new Map<string, OrderItem[]>();
  for (const r of rows) {
    const list = byDepartment.get(String(r.department)) ?? [];
    list.push(toItem(r));
    byDepartment.set(String(r.department), list);
  }
  return [...byDepartment].map(([department, items]) => ({
    department,
    steps: items.length,
    items: items.slice(0, listLimit),
  }));
}

function toItem(r: Row): OrderItem {
  return {
    orderId: toNumber(r.id),
    number: String(r.number),
    customer: String(r.customer),
    note: String(r.note),
  };
}
