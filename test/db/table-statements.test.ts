import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orders } from '../../src/db/schema.ts';
import { tableStatements } from '../../src/db/table-statements.ts';
import { insertOrder } from '../../src/orders/create-order.ts';
import { aCustomer, aProduct } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let orderId: number;
const at = new Date('2026-11-27T10:00:00.123Z');

beforeAll(async () => {
  database = await createTestDatabase();
  const customer = await aCustomer(database.db);
  const product = await aProduct(database.db);
  ({ id: orderId } = await insertOrder(database.db, at, 'Europe/Berlin', {
    customerId: customer.id,
    deliveryDate: '2026-12-20',
    paymentMethod: 'net30',
    ownerId: 'U0ADMIN',
    lines: [{ productId: product.id, spec: 'blue', quantity: 10, unitPriceCents: 1250 }],
  }));
});
afterAll(() => database.close());

describe('statements written as templates', () => {
  const statements = tableStatements(orders);

  it("return the rows drizzle's builder reads back, value for value: dates, bigints, nulls and generated columns", async () => {
    const deliveredAt = new Date('2026-12-01T08:30:00.456Z');
    const [written] = await statements.returning(
      database.db,
      sql`update orders set ${statements.assignments({ status: 'delivered', holdReason: null, deliveredAt, totalCents: 9_007_199_254 })}
          where id = ${orderId} returning *`,
    );
    const [read] = await database.db.select().from(orders).where(eq(orders.id, orderId));
    expect(written).toEqual(read);
    expect(written).toMatchObject({
      status: 'delivered',
      deliveredAt,
      totalCents: 9_007_199_254,
      holdReason: null,
      deliveryDate: '2026-12-20',
      cycleMicroseconds: deliveredAt.getTime() * 1000 - at.getTime() * 1000,
    });
  });

  it('write several rows at once, JSON included, as the builder would, their ids in the rows’ order', async () => {
    const events = tableStatements(orderEvents);
    await database.db.execute(
      sql`insert into order_events ${events.rows([
        { orderId, actor: 'U0ADMIN', at, type: 'noted', data: { text: 'one', n: 1 } },
        { orderId, actor: 'U0ADMIN', at, type: 'noted', data: { text: "it's two" } },
      ])}`,
    );
    const rows = await database.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.type, 'noted'))
      .orderBy(asc(orderEvents.id));
    expect(rows.map((r) => [r.at, r.data])).toEqual([
      [at, { text: 'one', n: 1 }],
      [at, { text: "it's two" }],
    ]);
  });

  it('refuse a key that is not a column, before anything is sent', () => {
    expect(() => statements.assignments({ colour: 'blue' } as never)).toThrow('colour is not a column');
  });
});
