import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { queryRows, toNumber } from '../db/rows.ts';
import { customers, products } from '../db/schema.ts';
import { weeklyQuantities } from './demand-patterns.ts';
import { demoPeopleIds } from './demo-data.ts';
import { demandPatternFor } from './demo-demand.ts';
import { SeededRandom } from './seeded-random.ts';

/** Two years and a quarter: two full seasons for Holt-Winters, and a quarter to backtest on. */
export const demoHistoryWeeks = 2 * 52 + 16;
const seed = 20_24;
const dayMs = 86_400_000;

interface HistoricLine {
  productId: number;
  quantity: number;
  unitPriceCents: number;
}

interface HistoricOrder {
  customerId: number;
  paymentMethod: string;
  createdAt: Date;
  lines: HistoricLine[];
}

/**
 * Generates the demo's order history: `demoHistoryWeeks` weeks of completed orders up to the
 * week before `now`, from each product's demand pattern (demo-demand.ts), with the same seed
 * every time. Only into a desk without orders: numbers are given in date order from 1 each year,
 * and the year counters moved past them, so orders taken afterwards continue the sequence.
 * Inserted set-based (one statement per table, rows as one JSON parameter). Returns the number
 * of orders added (0 when the desk had orders already).
 */
export async function seedDemoHistory(tx: Tx, now: Date): Promise<number> {
  const [existing] = await queryRows<{ n: unknown }>(tx, sql`select count(*) as n from orders`);
  if (toNumber(existing?.n) > 0) return 0;
  const catalogue = await tx.select().from(products).orderBy(products.sku);
  // Account customers in good standing: cash sales (no credit limit) and credit stops buy nothing here.
  const buyers = (await tx.select().from(customers).orderBy(customers.code)).filter(
    (c) => !c.creditStop && c.creditLimitCents > 0,
  );
  if (!catalogue.length || !buyers.length) return 0;

  const random = new SeededRandom(seed);
  const thisMonday =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((now.getUTCDay() + 6) % 7) * dayMs;
  const firstMonday = thisMonday - demoHistoryWeeks * 7 * dayMs;
  const startWeek = Math.floor(
    (firstMonday - Date.UTC(new Date(firstMonday).getUTCFullYear(), 0, 1)) / (7 * dayMs),
  );

  const byKey = new Map<string, HistoricOrder>();
  for (const product of catalogue) {
    const quantities = weeklyQuantities(demandPatternFor(product), demoHistoryWeeks, startWeek, random);
    quantities.forEach((units, week) => {
      if (units <= 0) return;
      const packs = Math.max(1, Math.round(units / product.packSize));
      const quantity = Math.max(product.minOrderQty, packs * product.packSize);
      const customer = random.pick(buyers);
      const day = random.int(0, 4);
      const createdAt = new Date(
        firstMonday + (week * 7 + day) * dayMs + random.int(8 * 60, 16 * 60) * 60_000,
      );
      // A customer's needs of a week come as one order, on the day of its first line.
      const key = `${week}:${customer.id}`;
      const order = byKey.get(key) ?? {
        customerId: customer.id,
        paymentMethod: customer.paymentMethods[0] ?? 'prepaid',
        createdAt,
        lines: [],
      };
      order.lines.push({ productId: product.id, quantity, unitPriceCents: product.listPriceCents });
      byKey.set(key, order);
    });
  }
  const orders = [...byKey.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const lastByYear = new Map<number, number>();
  const rows = orders.map((o, i) => {
    const year = o.createdAt.getUTCFullYear();
    const n = (lastByYear.get(year) ?? 0) + 1;
    lastByYear.set(year, n);
    return {
      number: `SO-${year}-${String(n).padStart(6, '0')}`,
      customer_id: o.customerId,
      payment_method: o.paymentMethod,
      delivery_date: new Date(o.createdAt.getTime() + 14 * dayMs).toISOString().slice(0, 10),
      intake_key: `demo-history:${i + 1}`,
      total_cents: o.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0),
      line_count: o.lines.length,
      created_at: o.createdAt.toISOString(),
      lines: o.lines,
    };
  });

  const orderJson = JSON.stringify(rows.map(({ lines: _, ...r }) => r));
  await tx.execute(sql`
    insert into orders (number, customer_id, status, delivery_date, payment_method, owner_id, intake_key,
                        total_cents, created_at, updated_at)
    select r.number, r.customer_id, 'completed', r.delivery_date, r.payment_method, ${demoPeopleIds.admin},
           r.intake_key, r.total_cents, r.created_at, r.created_at + interval '21 days'
      from jsonb_to_recordset(${orderJson}::jsonb) as r(number text, customer_id bigint, delivery_date date,
           payment_method text, intake_key text, total_cents bigint, created_at timestamptz)`);
  const lineJson = JSON.stringify(
    rows.flatMap((r) =>
      r.lines.map((l, i) => ({
        number: r.number,
        line_no: i + 1,
        product_id: l.productId,
        quantity: l.quantity,
        unit_price_cents: l.unitPriceCents,
      })),
    ),
  );
  await tx.execute(sql`
    insert into order_lines (order_id, line_no, product_id, quantity, unit_price_cents, amount_cents)
    select o.id, r.line_no, r.product_id, r.quantity, r.unit_price_cents, r.quantity * r.unit_price_cents
      from jsonb_to_recordset(${lineJson}::jsonb) as r(number text, line_no int, product_id bigint,
           quantity int, unit_price_cents bigint)
      join orders o on o.number = r.number`);
  await tx.execute(sql`
    insert into order_events (order_id, actor, type, at, data)
    select o.id, o.owner_id, 'received', o.created_at,
           jsonb_build_object('lineCount', r.line_count, 'totalCents', o.total_cents)
      from jsonb_to_recordset(${orderJson}::jsonb) as r(number text, line_count int)
      join orders o on o.number = r.number`);
  for (const [year, last] of lastByYear) {
    await tx.execute(sql`
      insert into order_number_counters (year, last) values (${year}, ${last})
      on conflict (year) do update set last = greatest(order_number_counters.last, excluded.last)`);
  }
  return rows.length;
}
