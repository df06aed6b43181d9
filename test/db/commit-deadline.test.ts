import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../src/db/client.ts';
import { transactionCommittedBy } from '../../src/db/commit-by.ts';
import { Deadline, DeadlineExceeded } from '../../src/db/deadline.ts';
import { orders } from '../../src/db/schema.ts';
import { insertOrder } from '../../src/orders/create-order.ts';
import { aCustomer, aProduct } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let customerId: number;
let productId: number;
beforeAll(async () => {
  database = await createTestDatabase();
  customerId = (await aCustomer(database.db)).id;
  productId = (await aProduct(database.db)).id;
});
afterAll(() => database.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function anOrder(tx: Tx, intakeKey: string) {
  return insertOrder(tx, new Date('2026-11-27T09:00:00Z'), 'UTC', {
    customerId,
    deliveryDate: '2026-12-20',
    paymentMethod: 'net30',
    ownerId: 'U0ADMIN',
    intakeKey,
    lines: [{ productId, spec: '', quantity: 1, unitPriceCents: 100 }],
  });
}

const stored = async (intakeKey: string) =>
  (await database.db.select().from(orders)).filter((o) => o.intakeKey === intakeKey);

describe('an order transaction with a deadline', () => {
  it('a COMMIT that reaches the server after the deadline it set is refused there, and nothing is stored', async () => {
    const late = database.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('orderdesk.commit_by', (transaction_timestamp() + interval '50 milliseconds')::text, true)`,
      );
      await anOrder(tx, 'late-commit');
      // As if the COMMIT sat in a hung connection's buffers past the deadline.
      await sleep(150);
    });
    await expect(late).rejects.toThrow(/commit deadline passed/);
    expect(await stored('late-commit')).toEqual([]);
  });

  it('committed within its deadline → stored', async () => {
    const order = await transactionCommittedBy(database.db, Deadline.in(2000), (tx) =>
      anOrder(tx, 'in-time'),
    );
    expect((await stored('in-time')).map((o) => o.number)).toEqual([order.number]);
  });

  it('work that resumes after the caller gave up rolls back instead of committing', async () => {
    const resumed = transactionCommittedBy(database.db, Deadline.in(300), async (tx) => {
      const order = await anOrder(tx, 'resumed-late');
      await sleep(400);
      return order;
    });
    await expect(resumed).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(await stored('resumed-late')).toEqual([]);
  });

  it("a COMMIT the server refuses in the margin before the caller's deadline reaches the caller as 'not saved'", async () => {
    // The server's deadline falls 250 ms before ours: work ending between the two passes our own
    // check and is refused by the server's.
    const inTheMargin = transactionCommittedBy(database.db, Deadline.in(400), async (tx) => {
      const order = await anOrder(tx, 'in-the-margin');
      await sleep(200);
      return order;
    });
    await expect(inTheMargin).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(await stored('in-the-margin')).toEqual([]);
  });

  it('a deadline already passed → no transaction is started', async () => {
    const gone = Deadline.in(0);
    await expect(
      transactionCommittedBy(database.db, gone, (tx) => anOrder(tx, 'never-started')),
    ).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(await stored('never-started')).toEqual([]);
  });

  it('a transaction that sets no deadline is not affected by the check', async () => {
    await database.db.transaction(async (tx) => {
      await anOrder(tx, 'no-deadline');
      await sleep(50);
    });
    expect(await stored('no-deadline')).toHaveLength(1);
  });
});
