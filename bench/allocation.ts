import { performance } from 'node:perf_hooks';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite, type PgliteDatabase } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { calendarDate } from '../src/calendar.ts';
import { parseConfig } from '../src/config.ts';
import type { Database, Db } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { queryRows, toNumber } from '../src/db/rows.ts';
import type { OrderRow } from '../src/orders/order-store.ts';
import { allocateOrder } from '../src/routing/allocate-order.ts';
import { chooseRoute } from '../src/routing/allocation-rules.ts';
import { orderTraitsData } from '../src/routing/allocation-store.ts';
import { departmentLoad } from '../src/routing/capacity-store.ts';
import { routingConfig } from '../src/routing/routing-config.ts';
import { type AllocationWorld, confirmedOrders, seedAllocationWorld } from './allocation-fixture.ts';
import { type GcOverSpans, gcOverSpans, type TimedSpan, watchGcPauses } from './gc-pauses.ts';
import { BENCH_USER_ID } from './signed-request.ts';
import { percentile, sortedCopy } from './stats.ts';
import { transactionFloor } from './transaction-floor.ts';

const dayMs = 86_400_000;
/** A fixed "now", so the backlog's delivery dates and the orders' sit where the fixture put them. */
const now = new Date('2026-12-01T09:00:00Z');

export interface LoadPlan {
  department: string;
  countsIn: 'orders' | 'units';
  /** The SQL departmentLoad sends, parameters inlined. */
  sql: string;
  /** Parameters known while planning: how a connection plans the statement the first few times. */
  custom: string[];
  /** Planned for any parameters, as a prepared statement reused often may be (plan_cache_mode=auto). */
  generic: string[];
  indexes: string[];
}

/** One kind of statement allocateOrder sends, and its part of the time. */
export interface StatementCost {
  /** The statement's first characters, parameters as $n. */
  statement: string;
  perOrder: number;
  meanMs: number;
  share: number;
}

export interface AllocationReport {
  database: string;
  world: AllocationWorld;
  seedMs: number;
  warmup: number;
  timed: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  ordersPerS: number;
  /** Timed orders that came back allocated (an order whose route lacks a department stays confirmed). */
  allocated: number;
  /** How the timed orders were routed: the matching rule's position, or the default route. */
  byRule: number;
  byDefault: number;
  medianRulePosition: number;
  /** Timed orders with a step flagged as not fitting its department's capacity by the delivery date. */
  flaggedLate: number;
  /** Opened steps nobody could be picked for (everyone away, or a fixed person away). */
  unassigned: number;
  failures: number;
  firstFailure: string | null;
  /** This process's garbage collections while the timed orders were allocated, and which they paused. */
  gc: GcOverSpans;
  /** A bare transaction of the allocation's shape (transaction-floor.ts), run after each timed one. */
  floor: { p50Ms: number; p95Ms: number; p99Ms: number };
  plan: LoadPlan | null;
  /** Orders allocated once more through a logging drizzle, to see where the time goes. */
  profiled: number;
  statements: StatementCost[];
}

type QueryLog = (query: string, params: unknown[]) => void;

/** A drizzle handle on the same connection(s) as `database`, whose every statement is seen by `log`. */
function loggedDb(database: Database, log: QueryLog): Db {
  const logger = { logQuery: log };
  const { db } = database;
  return database.kind === 'pglite'
    ? drizzlePglite({ client: (db as PgliteDatabase & { $client: PGlite }).$client, logger })
    : drizzlePostgres({
        client: (db as PostgresJsDatabase & { $client: Sql }).$client,
        logger,
      });
}

/**
 * A confirmed order allocated in a transaction that ends with it, as the confirming use cases run
 * it (finance's approval reads the route's inputs with the order; here allocateOrder reads them).
 */
function allocateAlone(db: Db, timeZone: string, order: OrderRow): Promise<OrderRow> {
  return db.transaction((tx) =>
    allocateOrder(tx, now, timeZone, order, BENCH_USER_ID, { endsTransaction: true }),
  );
}

/**
 * allocateOrder, one confirmed order at a time, each in its own transaction as the confirming
 * use case runs it, over RULE_COUNT rules, 20 departments and a backlog of open steps. The first
 * `warmup` orders are allocated but not timed.
 */
export async function measureAllocation(
  database: Database,
  opts: {
    label: string;
    allocations: number;
    warmup: number;
    profile: number;
    backlogOrders: number;
    explain: boolean;
  },
): Promise<AllocationReport> {
  const { db } = database;
  await migrateDatabase(database);
  const timeZone = parseConfig({}).ORDERDESK_TIMEZONE;
  const today = calendarDate(now, timeZone);
  const seedBegan = performance.now();
  const world = await seedAllocationWorld(db, { now, today, backlogOrders: opts.backlogOrders });
  const orders = await confirmedOrders(db, world, {
    now,
    today,
    timeZone,
    count: opts.warmup + opts.allocations + opts.profile,
  });
  const profiled = orders.splice(opts.warmup + opts.allocations);
  const seedMs = performance.now() - seedBegan;

  // This process runs the allocations, so a collection's pause is in the time of the one it falls in.
  const spans: TimedSpan[] = [];
  const results: OrderRow[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  const bareTransaction = await transactionFloor(db);
  const floor: number[] = [];
  const gcWatch = watchGcPauses();
  for (const [i, order] of orders.entries()) {
    const began = performance.now();
    try {
      const allocated = await allocateAlone(db, timeZone, order);
      const took = performance.now() - began;
      if (i < opts.warmup) continue;
      spans.push({ start: began, ms: took });
      results.push(allocated);
    } catch (error) {
      failures++;
      firstFailure ??= error instanceof Error ? error.message : String(error);
    }
    // After each allocation, so that both see the machine as it is at that moment.
    const bare = await bareTransaction();
    if (i >= opts.warmup) floor.push(bare);
  }

  // The untimed warm-up's collections are not the timed orders'.
  const timedFrom = spans[0]?.start ?? Number.POSITIVE_INFINITY;
  const gc = gcOverSpans(
    spans,
    (await gcWatch.stop()).filter((pause) => pause.start + pause.ms >= timedFrom),
  );
  const routing = await howRouted(db, results, today);
  const timedIds = results.map((r) => r.id);
  const [outcome] = timedIds.length
    ? await queryRows<{ late: unknown; unassigned: unknown }>(
        db,
        sql`select count(distinct order_id) filter (where fits_on is not null) as late,
                   count(*) filter (where status = 'open' and assignee_id is null) as unassigned
            from assignments where order_id between ${Math.min(...timedIds)} and ${Math.max(...timedIds)}`,
      )
    : [];
  const latencies = spans.map((s) => s.ms);
  const timedMs = latencies.reduce((sum, ms) => sum + ms, 0);
  const sorted = sortedCopy(latencies);
  const floorSorted = sortedCopy(floor);
  return {
    database: opts.label,
    world,
    seedMs,
    warmup: opts.warmup,
    timed: latencies.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    ordersPerS: latencies.length / (timedMs / 1000),
    allocated: results.filter((r) => r.status === 'allocated').length,
    ...routing,
    flaggedLate: toNumber(outcome?.late ?? 0),
    unassigned: toNumber(outcome?.unassigned ?? 0),
    failures,
    firstFailure,
    gc,
    floor: {
      p50Ms: percentile(floorSorted, 50),
      p95Ms: percentile(floorSorted, 95),
      p99Ms: percentile(floorSorted, 99),
    },
    plan: opts.explain ? await explainDepartmentLoad(database) : null,
    profiled: profiled.length,
    statements: await profileStatements(database, profiled, timeZone),
  };
}

/**
 * Each statement's time is the gap from its start to the next one's, so it includes the
 * JavaScript in between. Statements allocateOrder sends together (one round trip) start at once,
 * and the round trip is charged to the last of them. The last statement's time runs to the end of
 * the transaction and includes the commit.
 */
async function profileStatements(
  database: Database,
  orders: readonly OrderRow[],
  timeZone: string,
): Promise<StatementCost[]> {
  const spent = new Map<string, { count: number; ms: number }>();
  let current: { statement: string; began: number } | null = null;
  const settle = (at: number) => {
    if (!current) return;
    const entry = spent.get(current.statement) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += at - current.began;
    spent.set(current.statement, entry);
    current = null;
  };
  const db = loggedDb(database, (query) => {
    const at = performance.now();
    settle(at);
    current = { statement: query.replace(/\s+/g, ' ').slice(0, 96), began: at };
  });
  for (const order of orders) {
    await allocateAlone(db, timeZone, order);
    settle(performance.now());
  }
  const total = [...spent.values()].reduce((sum, e) => sum + e.ms, 0);
  return [...spent.entries()]
    .map(([statement, e]) => ({
      statement,
      perOrder: e.count / orders.length,
      meanMs: e.ms / e.count,
      share: e.ms / total,
    }))
    .sort((a, b) => b.share - a.share);
}

/** Which rule each order met, worked out again (untimed) with the same pure chooseRoute. */
async function howRouted(db: Db, orders: readonly OrderRow[], today: string) {
  const { rules } = await routingConfig(db);
  const positions: number[] = [];
  let byDefault = 0;
  for (const order of orders) {
    const traits = await orderTraitsData(db, order.id);
    const { rule } = chooseRoute(rules, {
      ...traits,
      valueCents: order.totalCents,
      paymentMethod: order.paymentMethod,
      daysUntilDelivery: Math.round((Date.parse(order.deliveryDate) - Date.parse(today)) / dayMs),
    });
    if (rule) positions.push(rules.indexOf(rule) + 1);
    else byDefault++;
  }
  return {
    byRule: positions.length,
    byDefault,
    medianRulePosition: percentile(sortedCopy(positions), 50),
  };
}

/**
 * The capacity load read of the busiest department counting units, as departmentLoad sends it
 * (caught by drizzle's logger), under EXPLAIN (ANALYZE, BUFFERS): planned with the values known,
 * as a connection plans it, and as a generic plan, which a prepared statement reused often may
 * get. It reads the running totals in department_loads, a row per date however long the backlog.
 */
async function explainDepartmentLoad(database: Database): Promise<LoadPlan> {
  const { db } = database;
  const [busiest] = await queryRows<{ id: unknown; key: string }>(
    db,
    sql`select d.id, d.key from departments d join assignments a on a.department_id = d.id
        where d.capacity_unit = 'units' and a.status in ('pending', 'open', 'accepted', 'started')
        group by d.id, d.key order by count(*) desc, d.id limit 1`,
  );
  if (!busiest) throw new Error('no department counts units');
  const departmentId = toNumber(busiest.id);

  let caught: { sql: string; params: unknown[] } | null = null;
  const logged = loggedDb(database, (query, params) => {
    caught = { sql: query, params };
  });
  await departmentLoad(logged, departmentId, 'units');
  const sent = caught as { sql: string; params: unknown[] } | null;
  if (!sent) throw new Error('drizzle did not log the load query');

  const literal = (value: unknown) =>
    typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
  const inlined = sent.sql.replace(/\$(\d+)/g, (_, n: string) => literal(sent.params[Number(n) - 1]));
  const planLines = (rows: Record<string, unknown>[]) => rows.map((r) => String(r['QUERY PLAN']));
  const custom = planLines(
    await queryRows<Record<string, unknown>>(db, sql.raw(`explain (analyze, buffers) ${inlined}`)),
  );
  const generic = await db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
    await tx.execute(sql.raw(`prepare bench_department_load as ${sent.sql}`));
    const args = sent.params.map(literal).join(', ');
    const rows = await queryRows<Record<string, unknown>>(
      tx,
      sql.raw(`explain (analyze, buffers) execute bench_department_load(${args})`),
    );
    await tx.execute(sql`deallocate bench_department_load`);
    return planLines(rows);
  });
  const indexes = await queryRows<{ indexdef: string }>(
    db,
    sql`select indexdef from pg_indexes where tablename = 'department_loads' order by indexname`,
  );
  return {
    department: busiest.key,
    countsIn: 'units',
    sql: inlined,
    custom,
    generic,
    indexes: indexes.map((r) => r.indexdef),
  };
}
