import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import type { UseCaseContext } from '../../src/context.ts';
import { orderEvents, orders } from '../../src/db/schema.ts';
import { createOrder } from '../../src/orders/create-order.ts';
import { moveOrder, type Step } from '../../src/orders/move-order.ts';
import type { OrderEvent } from '../../src/orders/order-events.ts';
import { appendOrderEvent, findOrder } from '../../src/orders/order-store.ts';
import { aContext, aCustomer, aProduct } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let ctx: UseCaseContext;
let clock: ManualClock;
let newOrder: () => Promise<number>;

beforeAll(async () => {
  database = await createTestDatabase();
  clock = new ManualClock('2026-11-02T08:00:00Z');
  ctx = aContext(database.db, clock);
  const customer = await aCustomer(database.db);
  const product = await aProduct(database.db);
  newOrder = async () =>
    (
      await createOrder(ctx, {
        customerId: customer.id,
        deliveryDate: '2026-12-20',
        paymentMethod: 'net30',
        ownerId: 'U0ADMIN',
        lines: [{ productId: product.id, spec: '', quantity: 2, unitPriceCents: 1000 }],
      })
    ).id;
});
afterAll(() => database.close());

/** What the order's events say, worked out here from the events themselves. */
async function factsFromEvents(orderId: number) {
  const events = await database.db
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.at), asc(orderEvents.id));
  const data = (e: (typeof events)[number]) => e.data as Record<string, unknown>;
  const delivered = events.find((e) => e.type === 'status_changed' && data(e).after === 'delivered');
  const held = events.find((e) => e.type === 'credit_checked' && data(e).verdict === 'hold');
  const decided = held
    ? events.find((e) => e.type === 'credit_decided' && e.at.getTime() >= held.at.getTime())
    : undefined;
  return {
    deliveredAt: delivered?.at ?? null,
    creditHeldAt: held?.at ?? null,
    creditDecidedAt: decided?.at ?? null,
    creditDecision: decided ? data(decided).decision : null,
  };
}

async function factsOnOrder(orderId: number) {
  const [row] = await database.db
    .select({
      deliveredAt: orders.deliveredAt,
      creditHeldAt: orders.creditHeldAt,
      creditDecidedAt: orders.creditDecidedAt,
      creditDecision: orders.creditDecision,
    })
    .from(orders)
    .where(eq(orders.id, orderId));
  return row;
}

async function move(orderId: number, ...steps: Step[]) {
  await database.db.transaction(async (tx) => {
    const order = await findOrder(tx, orderId);
    await moveOrder(tx, { now: clock.now(), order, expectedVersion: order.version, steps, actor: 'U0ADMIN' });
  });
}
const hold = (): OrderEvent => ({
  type: 'credit_checked',
  data: {
    verdict: 'hold',
    exposureCents: 90_000,
    limitCents: 100_000,
    orderCents: 20_000,
    reason: 'over_limit',
  },
});
const event = (orderId: number, e: OrderEvent) =>
  database.db.transaction((tx) => appendOrderEvent(tx, orderId, 'U0FINANCE', clock.now(), e));
const later = (hours: number) => clock.advance(hours * 3_600_000);

async function expectFactsTrue(orderId: number) {
  const expected = await factsFromEvents(orderId);
  expect(await factsOnOrder(orderId)).toEqual(expected);
  return expected;
}

describe('what a report reads off the order row says what its events say', () => {
  it('a credit hold, its decision, a hold and release, shipping and delivery: true after each', async () => {
    const id = await newOrder();
    expect(await expectFactsTrue(id)).toEqual({
      deliveredAt: null,
      creditHeldAt: null,
      creditDecidedAt: null,
      creditDecision: null,
    });

    await event(id, hold());
    await move(id, { action: 'hold', hold: { kind: 'credit', reason: 'over limit' } });
    const held = await expectFactsTrue(id);
    expect(held.creditHeldAt).not.toBeNull();

    later(4);
    await event(id, { type: 'credit_decided', data: { decision: 'approved' } });
    await move(id, { action: 'release' }, { action: 'confirm' }, { action: 'allocate' });
    expect(await expectFactsTrue(id)).toMatchObject({ creditDecision: 'approved' });

    // A second decision later does not replace the first one taken on the hold.
    later(1);
    await event(id, { type: 'credit_decided', data: { decision: 'rejected' } });
    expect(await expectFactsTrue(id)).toMatchObject({ creditDecision: 'approved' });

    later(24);
    await move(id, { action: 'start_production' }, { action: 'hold', reason: 'material late' });
    later(24);
    await move(id, { action: 'release' }, { action: 'finish_production' }, { action: 'ship' });
    expect((await expectFactsTrue(id)).deliveredAt).toBeNull();

    later(48);
    await move(id, { action: 'deliver' });
    const delivered = await expectFactsTrue(id);
    expect(delivered.deliveredAt).toEqual(clock.now());

    later(24);
    await move(id, { action: 'complete' });
    expect(await expectFactsTrue(id)).toEqual(delivered);
  });

  it('a cancelled order and a rejected credit hold: no delivery, the rejection kept', async () => {
    const id = await newOrder();
    await event(id, hold());
    later(2);
    await event(id, { type: 'credit_decided', data: { decision: 'rejected', reason: 'overdue' } });
    await move(id, { action: 'cancel', reason: 'credit rejected' });
    expect(await expectFactsTrue(id)).toMatchObject({ creditDecision: 'rejected', deliveredAt: null });
  });

  it('events written in one statement for many orders, as the bench and imports do, and a decision before any hold', async () => {
    const ids = [await newOrder(), await newOrder(), await newOrder()];
    const at = clock.now();
    await database.db.insert(orderEvents).values([
      { orderId: ids[0]!, actor: 'U0ADMIN', type: 'credit_decided', at, data: { decision: 'approved' } },
      ...ids.map((orderId, i) => ({
        orderId,
        actor: 'U0ADMIN',
        type: 'status_changed',
        at: new Date(at.getTime() + i * 1000),
        data: { before: 'shipped', after: 'delivered' },
      })),
      { orderId: ids[1]!, actor: 'U0ADMIN', type: 'credit_checked', at, data: { verdict: 'hold' } },
    ]);
    for (const id of ids) await expectFactsTrue(id);
    // The decision came before any hold: it decides nothing.
    expect(await factsOnOrder(ids[0]!)).toMatchObject({ creditHeldAt: null, creditDecision: null });
  });
});
