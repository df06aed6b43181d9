import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import type { UseCaseContext } from '../../src/context.ts';
import { queryRows } from '../../src/db/rows.ts';
import { orderEvents, orderLines, orders, outbox, slackMessages } from '../../src/db/schema.ts';
import { createOrder, insertOrder, type NewOrder } from '../../src/orders/create-order.ts';
import { aContext, aCustomer, aProduct } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let ctx: UseCaseContext;
let order: NewOrder;

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = aContext(database.db, new ManualClock('2026-11-27T10:00:00Z'));
  const customer = await aCustomer(database.db);
  const product = await aProduct(database.db);
  order = {
    customerId: customer.id,
    deliveryDate: '2026-12-20',
    paymentMethod: 'net30',
    ownerId: 'U0ADMIN',
    lines: [{ productId: product.id, spec: 'blue', quantity: 10, unitPriceCents: 1250 }],
  };
});
afterAll(() => database.close());

describe('creating an order', () => {
  it('numbers it SO-<year>-NNNNNN, totals it, records who received it and asks for the DM card', async () => {
    const created = await createOrder(ctx, order);
    expect(created.number).toMatch(/^SO-2026-\d{6}$/);
    expect(created).toMatchObject({ status: 'received', version: 1, totalCents: 12_500 });

    const events = await database.db.select().from(orderEvents).where(eq(orderEvents.orderId, created.id));
    expect(events).toMatchObject([
      { type: 'received', actor: 'U0ADMIN', data: { lineCount: 1, totalCents: 12_500 } },
    ]);
    const effects = await database.db.select().from(outbox).where(eq(outbox.channel, 'U0ADMIN'));
    expect(effects.map((e) => e.payload)).toContainEqual({
      kind: 'order_card',
      v: 1,
      orderId: created.id,
      card: 'order',
    });
    const cards = await database.db.select().from(slackMessages).where(eq(slackMessages.orderId, created.id));
    expect(cards).toMatchObject([{ channel: 'U0ADMIN', ts: null }]);
    expect(await database.db.select().from(orders).where(eq(orders.id, created.id))).toEqual([created]);
    const lines = await database.db.select().from(orderLines).where(eq(orderLines.orderId, created.id));
    expect(lines).toEqual([
      {
        orderId: created.id,
        lineNo: 1,
        productId: order.lines[0]?.productId,
        spec: 'blue',
        quantity: 10,
        unitPriceCents: 1250,
        amountCents: 12_500,
      },
    ]);
  });

  it('takes the year from the business time zone: 31 Dec 23:30 UTC is already next year in Berlin', async () => {
    const clock = new ManualClock('2026-12-31T23:30:00Z');
    const created = await createOrder({ ...ctx, clock }, order);
    expect(created.number).toBe('SO-2027-000001');
  });

  it('gives 200 orders created at the same moment 200 distinct numbers, none skipped', async () => {
    const clock = new ManualClock('2028-03-01T10:00:00Z');
    const created = await Promise.all(
      Array.from({ length: 200 }, () => createOrder({ ...ctx, clock }, order)),
    );
    const numbers = created.map((o) => o.number).sort();
    expect(new Set(numbers).size).toBe(200);
    expect(numbers[0]).toBe('SO-2028-000001');
    expect(numbers[199]).toBe('SO-2028-000200');
  });

  it("queues new orders for their year's number on a lock held to COMMIT, one lock a year", async () => {
    // The counter row alone let every waiter wake at each commit; the queue wakes them in turn.
    const held = await database.db.transaction(async (tx) => {
      await insertOrder(tx, new Date('2029-05-01T10:00:00Z'), 'UTC', order);
      return queryRows<{ objid: unknown }>(
        tx,
        sql`select objid from pg_locks
            where locktype = 'advisory' and pid = pg_backend_pid() and mode = 'ExclusiveLock'
              and classid = hashtext('orderdesk order numbers')::oid`,
      );
    });
    expect(held.map((l) => Number(l.objid))).toEqual([2029]);
    const [free] = await queryRows<{ taken: boolean }>(
      database.db,
      sql`select pg_try_advisory_xact_lock(hashtext('orderdesk order numbers'), 2029) as taken`,
    );
    expect(free?.taken).toBe(true);
  });
});
