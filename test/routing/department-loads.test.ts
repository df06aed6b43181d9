import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, departmentLoads, departments, orders } from '../../src/db/schema.ts';
import { stepToDo } from '../../src/orders/status-sets.ts';
import { departmentsLoad, type LoadedDepartment } from '../../src/routing/capacity-store.ts';
import { aCustomer } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// department_loads is kept by triggers on assignments (drizzle/0027): whatever the desk does to
// steps, the running total must say what the steps themselves add up to.

const statuses = ['pending', 'open', 'accepted', 'started', 'done', 'cancelled'] as const;
const dates = ['2026-12-10', '2026-12-11', '2026-12-20', '2027-01-05'];
const at = new Date('2026-12-01T09:00:00Z');
const dateOf = (i: number): string => dates[i % dates.length] ?? '2026-12-10';

let database: TestDatabase;
let customerId = 0;
let departmentIds: number[] = [];
let nextNumber = 0;
beforeAll(async () => {
  database = await createTestDatabase();
  customerId = (await aCustomer(database.db)).id;
  const rows = await database.db
    .insert(departments)
    .values(['cutting', 'paint', 'packing'].map((key) => ({ key, name: key, dailyCapacity: 10 })))
    .returning();
  departmentIds = rows.map((d) => d.id);
});
afterAll(() => database.close());

const step = fc.record({
  department: fc.nat(),
  status: fc.constantFrom(...statuses),
  units: fc.integer({ min: 0, max: 500 }),
  progress: fc.integer({ min: 0, max: 100 }),
});
/** What the desk does to steps: `pick` chooses among the steps (or orders) there are. */
const change = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    due: fc.nat(),
    steps: fc.array(step, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('progress' as const),
    pick: fc.nat(),
    progress: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom(...statuses) }),
  fc.record({ kind: fc.constant('reassign' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('units' as const), pick: fc.nat(), units: fc.integer({ min: 0, max: 500 }) }),
  fc.record({ kind: fc.constant('department' as const), pick: fc.nat(), department: fc.nat() }),
  fc.record({ kind: fc.constant('delivery date' as const), pick: fc.nat(), due: fc.nat() }),
  fc.record({ kind: fc.constant('order done' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('step deleted' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('order deleted' as const), pick: fc.nat() }),
);
type Change = typeof change extends fc.Arbitrary<infer C> ? C : never;

const nth = <T>(list: readonly T[], i: number): T | undefined => list[i % Math.max(1, list.length)];

async function apply(c: Change): Promise<void> {
  const db = database.db;
  if (c.kind === 'order') {
    nextNumber += 1;
    const [order] = await db
      .insert(orders)
      .values({
        number: `LOAD-${nextNumber}`,
        customerId,
        status: 'allocated',
        deliveryDate: dateOf(c.due),
        paymentMethod: 'net30',
        ownerId: 'U0OWNER',
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    if (!order) throw new Error('no order');
    // A whole route in one statement, as allocation writes it.
    await db.insert(assignments).values(
      c.steps.map((s, i) => ({
        orderId: order.id,
        step: i,
        departmentId: nth(departmentIds, s.department) ?? 0,
        status: s.status,
        units: s.units,
        progress: s.progress,
        dueOn: order.deliveryDate,
      })),
    );
    return;
  }
  if (c.kind === 'delivery date' || c.kind === 'order done' || c.kind === 'order deleted') {
    const ids = (await db.select({ id: orders.id }).from(orders).orderBy(asc(orders.id))).map((o) => o.id);
    const orderId = nth(ids, c.pick);
    if (orderId === undefined) return;
    if (c.kind === 'delivery date') {
      await db
        .update(assignments)
        .set({ dueOn: dateOf(c.due) })
        .where(eq(assignments.orderId, orderId));
    } else if (c.kind === 'order done') {
      await db
        .update(assignments)
        .set({ status: 'done', progress: 100 })
        .where(eq(assignments.orderId, orderId));
    } else {
      // Its steps go with it, by the foreign key's cascade.
      await db.delete(orders).where(eq(orders.id, orderId));
    }
    return;
  }
  const ids = (await db.select({ id: assignments.id }).from(assignments).orderBy(asc(assignments.id))).map(
    (a) => a.id,
  );
  const stepId = nth(ids, c.pick);
  if (stepId === undefined) return;
  const one = eq(assignments.id, stepId);
  if (c.kind === 'progress') await db.update(assignments).set({ progress: c.progress }).where(one);
  if (c.kind === 'status') await db.update(assignments).set({ status: c.status }).where(one);
  if (c.kind === 'units') await db.update(assignments).set({ units: c.units }).where(one);
  if (c.kind === 'reassign')
    await db
      .update(assignments)
      .set({ assigneeId: `U0${c.pick}` })
      .where(one);
  if (c.kind === 'department') {
    await db
      .update(assignments)
      .set({ departmentId: nth(departmentIds, c.department) })
      .where(one);
  }
  if (c.kind === 'step deleted') await db.delete(assignments).where(one);
}

const left = sql`(100 - ${assignments.progress})`;
/** The totals worked out from the steps themselves, as allocation used to read them. */
async function summedFromSteps(exceptOrderId?: number): Promise<string[]> {
  const rows = await database.db
    .select({
      departmentId: assignments.departmentId,
      dueOn: assignments.dueOn,
      orders: sql`sum(${left})`.mapWith(Number),
      units: sql`sum(${assignments.units} * ${left})`.mapWith(Number),
    })
    .from(assignments)
    .where(and(stepToDo, exceptOrderId === undefined ? undefined : ne(assignments.orderId, exceptOrderId)))
    .groupBy(assignments.departmentId, assignments.dueOn);
  return rows
    .filter((r) => r.orders !== 0 || r.units !== 0)
    .map((r) => `${r.departmentId} ${r.dueOn} ${r.orders} ${r.units}`)
    .sort();
}

async function keptTotals(): Promise<string[]> {
  const rows = await database.db
    .select()
    .from(departmentLoads)
    .where(inArray(departmentLoads.departmentId, departmentIds));
  return rows
    .filter((r) => Number(r.ordersLeft) !== 0 || Number(r.unitsLeft) !== 0)
    .map((r) => `${r.departmentId} ${r.dueOn} ${Number(r.ordersLeft)} ${Number(r.unitsLeft)}`)
    .sort();
}

/** departmentsLoad's answer, as "department date orders units" in hundredths. */
async function readLoads(exceptOrderId?: number): Promise<string[]> {
  const asked = (unit: LoadedDepartment['capacityUnit']) =>
    departmentIds.map((id) => ({ id, capacityUnit: unit }));
  const [byOrders, byUnits] = [
    await departmentsLoad(database.db, asked('orders'), exceptOrderId),
    await departmentsLoad(database.db, asked('units'), exceptOrderId),
  ];
  return departmentIds
    .flatMap((id) =>
      (byOrders.get(id) ?? []).map((o) => {
        const u = byUnits.get(id)?.find((l) => l.dueOn === o.dueOn)?.amount ?? 0;
        return `${id} ${o.dueOn} ${Math.round(o.amount * 100)} ${Math.round(u * 100)}`;
      }),
    )
    .sort();
}

describe('department loads: the running total allocation reads', () => {
  it('after any mix of routes written, progress reported, steps finished, reopened, moved and deleted, and orders deleted, the totals are what the steps add up to', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 20 }), async (changes) => {
        // Each run starts from no steps and no totals, so what it finds is its own doing.
        await database.db.delete(orders);
        await database.db.delete(departmentLoads);
        for (const c of changes) {
          await apply(c);
          expect(await keptTotals()).toEqual(await summedFromSteps());
        }
      }),
      { numRuns: 40, seed: 20261207 },
    );
  });

  it('what allocation reads is that total, and an order being changed is left out of it', async () => {
    const routes = fc.sample(
      fc.record({ due: fc.nat(), steps: fc.array(step, { minLength: 1, maxLength: 4 }) }),
      {
        numRuns: 12,
        seed: 7,
      },
    );
    for (const route of routes) await apply({ kind: 'order', ...route });
    const ids = (await database.db.select({ id: orders.id }).from(orders).orderBy(asc(orders.id))).map(
      (o) => o.id,
    );
    expect(await readLoads()).toEqual(await summedFromSteps());
    for (const orderId of ids.slice(0, 10)) {
      expect(await readLoads(orderId)).toEqual(await summedFromSteps(orderId));
    }
  });

  it('opening the next step or reassigning one leaves the totals untouched: no row written, so no lock', async () => {
    await database.db.delete(orders);
    await apply({
      kind: 'order',
      due: 0,
      steps: [
        { department: 0, status: 'open', units: 40, progress: 0 },
        { department: 1, status: 'pending', units: 40, progress: 0 },
      ],
    });
    const versions = () =>
      database.db
        .select({ row: sql<string>`${departmentLoads.departmentId} || ' ' || xmin::text` })
        .from(departmentLoads)
        .orderBy(departmentLoads.departmentId, departmentLoads.dueOn);
    const before = await versions();
    const [first, second] = await database.db.select().from(assignments).orderBy(asc(assignments.step));
    await database.db
      .update(assignments)
      .set({ assigneeId: 'U0OTHER' })
      .where(eq(assignments.id, first?.id ?? 0));
    await database.db
      .update(assignments)
      .set({ status: 'open' })
      .where(eq(assignments.id, second?.id ?? 0));
    expect(await versions()).toEqual(before);
    expect(await keptTotals()).toEqual(await summedFromSteps());
  });
});
