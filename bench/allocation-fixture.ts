import { sql } from 'drizzle-orm';
import { customerTiers } from '../src/customers/customer-tiers.ts';
import { paymentMethods } from '../src/customers/payment-methods.ts';
import type { Db } from '../src/db/client.ts';
import { queryRows, toNumber } from '../src/db/rows.ts';
import { allocationRules, customers, departments, people, products } from '../src/db/schema.ts';
import { SeededRandom } from '../src/demo/seeded-random.ts';
import { insertOrder } from '../src/orders/create-order.ts';
import { moveOrder } from '../src/orders/move-order.ts';
import type { OrderRow } from '../src/orders/order-store.ts';
import { productCategories } from '../src/products/product-categories.ts';
import {
  type RouteStep,
  type RuleConditions,
  routeSchema,
  ruleConditionsSchema,
} from '../src/routing/allocation-rules.ts';
import { routingConfig } from '../src/routing/routing-config.ts';
import { BENCH_USER_ID } from './signed-request.ts';

/**
 * The world allocateOrder is measured in: departments with channels, members and daily
 * capacities, allocation rules, a catalog, and a backlog of orders whose steps are still open
 * (so the capacity and pick queries read real rows). `production` and `logistics` are among the
 * departments because an order no rule matches takes the default route through them.
 */
export const departmentKeys = [
  'production',
  'logistics',
  'quality',
  'machining',
  'welding',
  'painting',
  'assembly',
  'packing',
  'inspection',
  'hydraulics',
  'electrical',
  'engineering',
  'purchasing',
  'calibration',
  'warehouse_north',
  'warehouse_south',
  'export',
  'key_accounts',
  'returns',
  'finance',
] as const;
export const MEMBERS_PER_DEPARTMENT = 5;
export const RULE_COUNT = 50;
const CUSTOMER_COUNT = 200;
const PRODUCTS_PER_CATEGORY = 4;

const channelOf = (n: number) => `C0ALLOC${String(n).padStart(2, '0')}`;
const memberOf = (n: number, m: number) => `U0D${String(n).padStart(2, '0')}M${m}`;
const at = new Date('2026-11-01T00:00:00Z');

export interface AllocationWorld {
  rules: number;
  departments: number;
  unitDepartments: number;
  people: number;
  backlogOrders: number;
  backlogAssignments: number;
  /** Backlog steps in the statuses departmentLoad sums (pending, open, accepted, started). */
  backlogLoad: number;
  customerIds: number[];
  products: { id: number; listPriceCents: number }[];
}

/** Everything but the orders to allocate, in a freshly migrated database. */
export async function seedAllocationWorld(
  db: Db,
  opts: { now: Date; today: string; backlogOrders: number },
): Promise<AllocationWorld> {
  const random = new SeededRandom(4);
  // Every third department counts units a day rather than orders; one in four has someone away.
  const deptRows = await db
    .insert(departments)
    .values(
      departmentKeys.map((key, i) => ({
        key,
        name: key.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()),
        channelId: channelOf(i + 1),
        capacityUnit: i % 3 === 2 ? ('units' as const) : ('orders' as const),
        dailyCapacity: i % 3 === 2 ? 400 + ((i * 53) % 600) : 30 + ((i * 7) % 40),
        managerId: memberOf(i + 1, 1),
      })),
    )
    .returning();
  await db.insert(people).values(
    deptRows.flatMap((d, i) =>
      Array.from({ length: MEMBERS_PER_DEPARTMENT }, (_, m) => ({
        slackUserId: memberOf(i + 1, m + 1),
        name: `${d.name} ${m + 1}`,
        roles: m === 0 ? ['member', 'manager'] : ['member'],
        departmentId: d.id,
        away: i % 4 === 3 && m === MEMBERS_PER_DEPARTMENT - 1,
        updatedAt: at,
      })),
    ),
  );

  await db.insert(allocationRules).values(
    Array.from({ length: RULE_COUNT }, (_, i) => ({
      position: i + 1,
      name: `Rule ${i + 1}`,
      conditions: ruleConditionsSchema.parse(ruleConditions(random)),
      route: routeSchema.parse(ruleRoute(random)),
      updatedAt: at,
    })),
  );
  const { rules: loaded } = await routingConfig(db);
  if (loaded.length !== RULE_COUNT) throw new Error(`only ${loaded.length} of ${RULE_COUNT} rules load`);

  const customerRows = await db
    .insert(customers)
    .values(
      Array.from({ length: CUSTOMER_COUNT }, (_, i) => ({
        code: `ALLOC${String(i + 1).padStart(4, '0')}`,
        name: `Allocation customer ${i + 1}`,
        creditLimitCents: 5_000_000_000,
        tier: customerTiers[i % customerTiers.length] ?? 'standard',
        paymentMethods: [
          paymentMethods[i % paymentMethods.length] ?? 'net30',
          paymentMethods[(i + 2) % paymentMethods.length] ?? 'prepaid',
        ],
        createdAt: at,
        updatedAt: at,
      })),
    )
    .returning({ id: customers.id });
  const productRows = await db
    .insert(products)
    .values(
      productCategories.flatMap((category, c) =>
        Array.from({ length: PRODUCTS_PER_CATEGORY }, (_, p) => ({
          sku: `${category.toUpperCase()}-${p + 1}`,
          name: `${category} item ${p + 1}`,
          category,
          listPriceCents: 200 + (((c * 7 + p) * 3719) % 40_000),
          createdAt: at,
          updatedAt: at,
        })),
      ),
    )
    .returning({ id: products.id, listPriceCents: products.listPriceCents });

  const backlog = await seedBacklog(db, opts);
  // As autovacuum soon would after a load this size: the planner should know the tables.
  await db.execute(sql`analyze`);
  return {
    rules: loaded.length,
    departments: deptRows.length,
    unitDepartments: deptRows.filter((d) => d.capacityUnit === 'units').length,
    people: deptRows.length * MEMBERS_PER_DEPARTMENT,
    backlogOrders: opts.backlogOrders,
    ...backlog,
    customerIds: customerRows.map((c) => c.id),
    products: productRows,
  };
}

/**
 * Two to four conditions a rule of a real desk might have: most orders miss most rules, so
 * allocation reads the whole list for many of them.
 */
function ruleConditions(random: SeededRandom): RuleConditions {
  const kinds = random.sample(['categories', 'value', 'tier', 'payment', 'days'] as const, random.int(2, 3));
  const conditions: RuleConditions = {};
  for (const kind of kinds) {
    switch (kind) {
      case 'categories':
        conditions.categories = random.sample(productCategories, random.int(1, 2));
        break;
      case 'value':
        if (random.chance(0.7)) conditions.minValueCents = random.pick([1_000_000, 2_500_000, 5_000_000]);
        else conditions.maxValueCents = random.pick([50_000, 100_000, 250_000]);
        break;
      case 'tier':
        conditions.tiers = random.sample(['silver', 'gold', 'strategic'], random.int(1, 2));
        break;
      case 'payment':
        conditions.paymentMethods = random.sample(paymentMethods, random.int(1, 2));
        break;
      case 'days':
        if (random.chance(0.5)) conditions.maxDaysUntilDelivery = random.pick([2, 3, 5]);
        else conditions.minDaysUntilDelivery = random.pick([30, 45]);
        break;
    }
  }
  return conditions;
}

/** Two to four departments; half pick round-robin, the rest the least busy or a named person. */
function ruleRoute(random: SeededRandom): RouteStep[] {
  const stops = random.sample(
    departmentKeys.map((key, i) => ({ key, n: i + 1 })),
    random.int(2, 4),
  );
  return stops.map(({ key, n }) => {
    const roll = random.next();
    if (roll < 0.5) return { department: key, pick: 'round_robin' };
    if (roll < 0.8) return { department: key, pick: 'least_open' };
    return { department: key, pick: 'fixed', personId: memberOf(n, random.int(1, MEMBERS_PER_DEPARTMENT)) };
  });
}

/**
 * The backlog is a benchmark fixture, so it is bulk-inserted with SQL rather than through the
 * use cases (10,000 createOrder + allocateOrder calls would take minutes before measuring
 * anything). Each allocated order has two or three steps in different departments: a quarter
 * have their first step done, the current step is open, accepted or started (with progress), and
 * the steps after it are pending.
 */
async function seedBacklog(
  db: Db,
  opts: { now: Date; today: string; backlogOrders: number },
): Promise<{ backlogAssignments: number; backlogLoad: number }> {
  const now = opts.now.toISOString();
  await db.execute(sql`
    insert into orders (number, customer_id, status, delivery_date, payment_method, owner_id, version,
                        total_cents, created_at, updated_at)
    select 'BG-' || lpad(i::text, 6, '0'), (select min(id) from customers) + i % ${CUSTOMER_COUNT}, 'allocated',
           ${opts.today}::date + (i % 50) - 5, 'net30', ${BENCH_USER_ID}, 2, 1000 + (i * 7919) % 2000000,
           ${now}::timestamptz, ${now}::timestamptz
    from generate_series(1, ${opts.backlogOrders}::int) as g(i)`);
  await db.execute(sql`
    insert into order_lines (order_id, line_no, product_id, spec, quantity, unit_price_cents, amount_cents)
    select o.id, 1, (select min(id) from products) + o.id % ${productCategories.length * PRODUCTS_PER_CATEGORY},
           '', 1 + (o.id * 13) % 50, 1000, 1000 * (1 + (o.id * 13) % 50)
    from orders o where o.number like 'BG-%'`);
  await db.execute(sql`
    with plan as (
      select o.id as order_id, s.step, 1 + ((o.id * 7 + s.step * 11) % ${departmentKeys.length}) as dept,
             (o.id % 4 = 0)::int as done_steps
      from orders o cross join lateral generate_series(0, 1 + (o.id % 3 = 0)::int) as s(step)
      where o.number like 'BG-%'
    ), shaped as (
      select plan.*,
        case when step < done_steps then 'done'
             when step = done_steps then (array['open', 'accepted', 'started'])[(1 + order_id % 3)::int]
             else 'pending' end as status
      from plan
    )
    insert into assignments (order_id, step, department_id, assignee_id, status, pick, units, progress,
                             opened_at, accepted_at, done_at, due_on)
    select shaped.order_id, shaped.step, d.id,
      case when shaped.status = 'pending' then null
           else 'U0D' || lpad(shaped.dept::text, 2, '0') || 'M' || (1 + shaped.order_id % ${MEMBERS_PER_DEPARTMENT}) end,
      shaped.status, 'round_robin', 1 + (shaped.order_id * 13) % 50,
      case shaped.status when 'started' then (shaped.order_id % 5) * 20 when 'done' then 100 else 0 end,
      case when shaped.status = 'pending' then null
           else ${now}::timestamptz - (shaped.order_id % 4000) * interval '1 minute' end,
      case when shaped.status in ('accepted', 'started', 'done')
           then ${now}::timestamptz - (shaped.order_id % 3000) * interval '1 minute' end,
      case when shaped.status = 'done' then ${now}::timestamptz - (shaped.order_id % 2000) * interval '1 minute' end,
      o.delivery_date
    from shaped join departments d on d.channel_id = 'C0ALLOC' || lpad(shaped.dept::text, 2, '0')
    join orders o on o.id = shaped.order_id`);
  const [counts] = await queryRows<{ total: unknown; load: unknown }>(
    db,
    sql`select count(*) as total,
               count(*) filter (where status in ('pending', 'open', 'accepted', 'started')) as load
        from assignments`,
  );
  return { backlogAssignments: toNumber(counts?.total), backlogLoad: toNumber(counts?.load) };
}

/**
 * Orders to allocate, through the domain's own insertOrder and the `confirm` move: one to three
 * lines of any category, for any customer, due in 1 to 40 days.
 */
export async function confirmedOrders(
  db: Db,
  world: AllocationWorld,
  opts: { now: Date; today: string; timeZone: string; count: number },
): Promise<OrderRow[]> {
  const random = new SeededRandom(7);
  const dayMs = 86_400_000;
  const made: OrderRow[] = [];
  for (let i = 0; i < opts.count; i++) {
    const customerIndex = random.int(0, world.customerIds.length - 1);
    const lines = random.sample(world.products, random.int(1, 3)).map((p) => ({
      productId: p.id,
      spec: '',
      quantity: random.int(1, 100),
      unitPriceCents: p.listPriceCents,
    }));
    const deliveryDate = new Date(Date.parse(opts.today) + random.int(1, 40) * dayMs)
      .toISOString()
      .slice(0, 10);
    made.push(
      await db.transaction(async (tx) => {
        const order = await insertOrder(tx, opts.now, opts.timeZone, {
          customerId: world.customerIds[customerIndex] ?? 0,
          deliveryDate,
          paymentMethod:
            paymentMethods[(customerIndex + (random.chance(0.5) ? 0 : 2)) % paymentMethods.length] ?? 'net30',
          ownerId: BENCH_USER_ID,
          lines,
        });
        return moveOrder(tx, {
          now: opts.now,
          order,
          expectedVersion: order.version,
          steps: [{ action: 'confirm' }],
          actor: BENCH_USER_ID,
        });
      }),
    );
  }
  return made;
}
