import { sql } from 'drizzle-orm';
import type { BusinessCalendar } from '../src/calendar.ts';
import type { Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { queueSummary } from '../src/summaries/send-summary.ts';

export interface SummaryReport {
  database: string;
  orders: number;
  /** Median time to compute one daily summary and queue it (headline and thread), rolled back each time. */
  buildMs: number;
  samples: number;
}

const calendar: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  workdays: [1, 2, 3, 4, 5],
  opensAt: 9 * 60,
  closesAt: 17 * 60,
  holidays: [],
};
const sendAt = new Date('2026-12-01T07:00:00Z');
const states = [
  'received',
  'confirmed',
  'allocated',
  'in_production',
  'ready',
  'on_hold',
  'shipped',
  'delivered',
  'completed',
];

/**
 * `orders` orders made over the 90 days before the summary, in every state, with a status event
 * each, steps for the unfinished ones (some at capacity risk) and feedback on the delivered; then
 * the daily summary for a manager, built as the scheduler's job builds it.
 */
export async function measureSummary(
  database: Database,
  opts: { label: string; orders: number },
): Promise<SummaryReport> {
  await migrateDatabase(database);
  const { db } = database;
  const n = opts.orders;
  const now = sendAt.toISOString();
  const stateList = sql.raw(`array[${states.map((s) => `'${s}'`).join(',')}]`);
  await db.execute(sql`insert into customers (code, name, created_at, updated_at)
    select 'C' || g, 'Customer ' || g, ${now}::timestamptz, ${now}::timestamptz from generate_series(1, 200) g`);
  await db.execute(sql`insert into departments (key, name, channel_id)
    select 'dept' || g, 'Department ' || g, 'C0DEPT' || g from generate_series(1, 5) g`);
  await db.execute(sql`insert into orders (number, customer_id, status, delivery_date, payment_method, owner_id,
      total_cents, created_at, updated_at)
    select 'SO-2026-' || lpad(g::text, 6, '0'),
      (select min(id) from customers) + g % 200,
      (${stateList})[1 + g % ${states.length}],
      (${now}::timestamptz - (g % 90) * interval '1 day' + 20 * interval '1 day')::date,
      'net30', 'U0OWNER', 1000 + g % 50000,
      ${now}::timestamptz - (g::float8 / ${n}) * interval '90 days',
      ${now}::timestamptz - (g::float8 / ${n}) * interval '90 days'
    from generate_series(1, ${n}) g`);
  await db.execute(sql`insert into order_events (order_id, actor, type, at, data)
    select id, 'U0OWNER', 'status_changed', created_at + interval '1 hour',
      jsonb_build_object('action', 'x', 'before', 'received', 'after', status)
    from orders`);
  await db.execute(sql`insert into assignments (order_id, step, department_id, status, due_on, fits_on, units)
    select o.id, 1, (select min(id) from departments) + o.id % 5, 'open', o.delivery_date,
      case when o.id % 7 = 0 then o.delivery_date + 3 end, 1
    from orders o where o.status in ('confirmed', 'allocated', 'in_production', 'ready')`);
  await db.execute(sql`insert into order_feedback (order_id, rating, logged_by, logged_at)
    select id, 1 + id % 5, 'U0OWNER', updated_at + interval '2 days' from orders where status = 'completed'`);
  await db.execute(sql`analyze`);

  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    await db
      .transaction(async (tx) => {
        const began = performance.now();
        await queueSummary(tx, {
          channel: 'U0MANAGER',
          rule: { cadence: 'daily', hour: 8, timeZone: 'Europe/Berlin' },
          calendar,
          sendAt,
          now: sendAt,
        });
        samples.push(performance.now() - began);
        throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      });
  }
  samples.sort((a, b) => a - b);
  return {
    database: opts.label,
    orders: n,
    buildMs: samples[Math.floor(samples.length / 2)] ?? 0,
    samples: samples.length,
  };
}

class Rollback extends Error {}
