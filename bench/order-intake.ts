import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import type { UseCaseContext } from '../src/context.ts';
import type { Database, Db } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { customers, departments, people, products } from '../src/db/schema.ts';
import { createOrder, type NewOrder } from '../src/orders/create-order.ts';
import { defaultRoute } from '../src/routing/allocation-rules.ts';
import { type MachineCpu, startMachineCpu } from './machine-cpu.ts';
import { BENCH_USER_ID } from './signed-request.ts';
import { percentile, Samples, sortedCopy } from './stats.ts';

export interface IntakeResult {
  concurrency: number;
  orders: number;
  seconds: number;
  ordersPerS: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
  firstFailure: string | null;
  /** How busy the whole machine was in the measured window. */
  machine: MachineCpu | null;
}

/** A migrated database with the bench's customer and product, and the order to take in. */
export interface IntakeSetup {
  ctx: UseCaseContext;
  order: NewOrder;
}

/** Migrates `database` and seeds the one customer and product every order of the bench is for. */
export async function prepareOrderIntake(database: Database): Promise<IntakeSetup> {
  await migrateDatabase(database);
  // As startOrderdesk builds it, from the defaults of the configuration.
  const config = parseConfig({});
  const ctx: UseCaseContext = {
    db: database.db,
    clock: systemClock,
    timeZone: config.ORDERDESK_TIMEZONE,
    pricePolicy: {
      priceWarnPercent: config.ORDERDESK_PRICE_WARN_PERCENT,
      priceFloorPercent: config.ORDERDESK_PRICE_FLOOR_PERCENT,
    },
    deliveryHorizonDays: config.ORDERDESK_DELIVERY_HORIZON_DAYS,
  };
  return { ctx, order: await seedOrder(database.db) };
}

/**
 * createOrder — number, order row, line, event, card and outbox row in one transaction — in a
 * closed loop of `concurrency` callers on one customer and product, after a warm-up.
 */
export async function measureOrderIntake(
  { ctx, order }: IntakeSetup,
  opts: { concurrency: number; warmupMs: number; windowMs: number },
): Promise<IntakeResult> {
  const latencies = new Samples();
  let orders = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  const windowStart = performance.now() + opts.warmupMs;
  const windowEnd = windowStart + opts.windowMs;
  // The machine is measured from the first order done in the window (a timer would not fire
  // while PGlite's calls never yield to the event loop's timers).
  let meter = null as ReturnType<typeof startMachineCpu> | null;
  const caller = async () => {
    while (performance.now() < windowEnd) {
      const began = performance.now();
      try {
        await createOrder(ctx, order);
      } catch (error) {
        failures++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
        continue;
      }
      const done = performance.now();
      if (done >= windowStart && done <= windowEnd) {
        meter ??= startMachineCpu();
        orders++;
        latencies.push(done - began);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, caller));
  const machine = meter?.stop() ?? null;
  const sorted = sortedCopy(latencies.values());
  return {
    concurrency: opts.concurrency,
    orders,
    seconds: opts.windowMs / 1000,
    ordersPerS: orders / (opts.windowMs / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    failures,
    firstFailure,
    machine,
  };
}

/** Customer and product codes of the bench catalog. */
export const benchCatalog = { customer: 'BENCH', product: 'BENCH-A', paymentMethod: 'net30' } as const;

/**
 * One customer with room on its credit line for hundreds of thousands of orders, and one product
 * sold by the piece with no lead time, inserted as test/support/factories.ts does.
 */
export async function seedBenchCatalog(db: Db): Promise<{ customerId: number; productId: number }> {
  const at = new Date('2026-11-01T00:00:00Z');
  const [customer] = await db
    .insert(customers)
    .values({
      code: benchCatalog.customer,
      name: 'Bench Industrial',
      creditLimitCents: 5_000_000_000,
      paymentMethods: [benchCatalog.paymentMethod, 'prepaid'],
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  const [product] = await db
    .insert(products)
    .values({
      sku: benchCatalog.product,
      name: 'Bench widget',
      category: 'widgets',
      listPriceCents: 1250,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  if (!customer || !product) throw new Error('seeding the customer and product returned no rows');
  return { customerId: customer.id, productId: product.id };
}

/** The channels of the default route's departments, which the bench's fake Slack has too. */
export const benchDepartmentChannels = defaultRoute.map((_, i) => `C0BENCHD${i + 1}`);

/**
 * The departments of the default route (no rules are seeded), each with a channel, a daily
 * capacity it counts and three members to pick from, as an admin sets them up in Settings: so
 * a submitted order is allocated, its first step opened to a person and its card posted there.
 */
export async function seedDefaultRoute(db: Db): Promise<void> {
  const at = new Date('2026-11-01T00:00:00Z');
  const rows = await db
    .insert(departments)
    .values(
      defaultRoute.map(({ department }, i) => ({
        key: department,
        name: department.replace(/^./, (c) => c.toUpperCase()),
        channelId: benchDepartmentChannels[i] ?? null,
        dailyCapacity: 100_000,
        capacityUnit: 'orders' as const,
      })),
    )
    .returning();
  await db.insert(people).values(
    rows.flatMap((d, i) =>
      [1, 2, 3].map((m) => ({
        slackUserId: `U0BENCHD${i + 1}M${m}`,
        name: `${d.name} ${m}`,
        roles: ['member'],
        departmentId: d.id,
        updatedAt: at,
      })),
    ),
  );
}

async function seedOrder(db: Db): Promise<NewOrder> {
  const { customerId, productId } = await seedBenchCatalog(db);
  return {
    customerId,
    deliveryDate: '2026-12-20',
    paymentMethod: benchCatalog.paymentMethod,
    ownerId: BENCH_USER_ID,
    lines: [{ productId, spec: 'blue', quantity: 10, unitPriceCents: 1250 }],
  };
}
