import type postgres from 'postgres';

/**
 * The report bench's data, made by the server with generate_series (no row crosses the wire):
 * `orders` orders over four years, ten events each (received, reviewed, the credit check, six
 * moves up to delivered, and a problem, a credit decision or a rating note), two department steps
 * each, one line each, and a rating for a third of the delivered. Seeded, so runs compare.
 */
export async function generateReportData(sql: postgres.Sql, orders: number): Promise<void> {
  await sql.unsafe(`select setseed(0.42)`);
  await sql.unsafe(`
    insert into departments (key, name) select 'dept' || d, 'Department ' || d from generate_series(1, 5) d;
    insert into customers (code, name, created_at, updated_at)
      select 'C' || lpad(i::text, 5, '0'), 'Customer ' || i, now(), now() from generate_series(1, 1000) i;
    insert into products (sku, name, category, list_price_cents, created_at, updated_at)
      select 'P-' || i, 'Product ' || i, 'cat' || (i % 20), 1000 + i, now(), now() from generate_series(1, 1000) i;
  `);
  // Orders arrive evenly over four years; the newest 3 % are still open, 3 % were cancelled.
  await sql.unsafe(`
    insert into orders (number, customer_id, status, delivery_date, payment_method, owner_id, total_cents,
                        created_at, updated_at)
    select 'SO-B-' || i,
      1 + (i::bigint * 7919) % 1000,
      case when i > ${orders} * 0.97 then 'in_production' when i % 33 = 0 then 'cancelled' else 'completed' end,
      (t + interval '1 day' * (7 + i % 21))::date,
      'net30', 'U0ADMIN', 10000 + (i::bigint * 31) % 500000, t, t
    from generate_series(1, ${orders}) i,
      lateral (select timestamptz '2023-01-01' + (interval '4 years') * (i::float8 / ${orders}) as t) c
  `);
  await sql.unsafe(`
    insert into order_lines (order_id, line_no, product_id, quantity, unit_price_cents, amount_cents)
      select id, 1, 1 + (id * 104729) % 1000, 1, total_cents, total_cents from orders
  `);
  await sql.unsafe(`
    insert into assignments (order_id, step, department_id, status, due_on, opened_at, done_at)
      select o.id, s, 1 + (o.id + s) % 5, case when o.status = 'completed' then 'done' else 'started' end,
        o.delivery_date, o.created_at + interval '1 hour' * (s * 30),
        case when o.status = 'completed'
          then o.created_at + interval '1 hour' * (s * 30 + 4 + random() * 40 * s) end
      from orders o, generate_series(1, 2) s
  `);
  // Ten events an order. Completed orders move up to delivered (2–12 days after receipt); the
  // others' later events are notes. Loaded with the order_events trigger off and its facts
  // backfilled after in one pass (the same figures; the trigger would rewrite every order row
  // while the events go in).
  await sql.unsafe('alter table order_events disable trigger order_events_facts');
  await sql.unsafe(`
    insert into order_events (order_id, actor, type, at, data)
    select o.id, 'U0ADMIN',
      case when o.status <> 'completed' and e.k between 6 and 9 then 'note' else e.type end,
      o.created_at + e.after, e.data
    from orders o, lateral (values
      (1, 'received', interval '0', '{}'::jsonb),
      (2, 'reviewed', interval '1 minute', '{"findings": []}'),
      (3, 'credit_checked', interval '2 minutes',
        case when o.id % 20 = 0 then '{"verdict": "hold"}'::jsonb else '{"verdict": "ok"}' end),
      (4, 'status_changed', interval '1 hour', '{"after": "confirmed"}'),
      (5, 'status_changed', interval '2 hours', '{"after": "allocated"}'),
      (6, 'status_changed', interval '30 hours', '{"after": "in_production"}'),
      (7, 'status_changed', interval '60 hours', '{"after": "ready"}'),
      (8, 'status_changed', interval '70 hours', '{"after": "shipped"}'),
      (9, 'status_changed', interval '1 day' * (2 + o.id % 11), '{"after": "delivered"}'),
      (10, case when o.id % 20 = 0 then 'credit_decided' when o.id % 25 = 1 then 'problem_reported'
                else 'note' end,
        interval '3 hours' * (1 + o.id % 5),
        case when o.id % 20 = 0 then '{"decision": "approved"}'::jsonb
             else '{"departmentName": "Department 1"}' end)
    ) e(k, type, after, data)
  `);
  await sql.unsafe('alter table order_events enable trigger order_events_facts');
  await sql.unsafe('select orderdesk_backfill_order_facts()');
  await sql.unsafe(`
    insert into order_feedback (order_id, rating, logged_by, logged_at)
      select id, 1 + (id * 7) % 5, 'U0ADMIN', created_at + interval '15 days' from orders where id % 3 = 0
  `);
  // Every order's row was written again by the backfill (its delivery and credit facts); a live
  // database's autovacuum clears what that leaves behind, so the bench does too.
  await sql.unsafe('vacuum analyze');
}
