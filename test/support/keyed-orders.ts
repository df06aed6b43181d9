import { afterAll, beforeAll } from 'vitest';
import type { DbOrTx } from '../../src/db/client.ts';
import { orders } from '../../src/db/schema.ts';
import { insertOrder, type NewOrder } from '../../src/orders/create-order.ts';
import { aOneLineOrder } from './factories.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/**
 * A database for the file's tests of what a transaction stores, with one-line orders told apart
 * by their intake key: how to insert one, and which are stored under a key.
 */
export function keyedOrders() {
  let world: { database: TestDatabase; draft: NewOrder } | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    world = { database, draft: await aOneLineOrder(database.db, 'U0ADMIN') };
  });
  afterAll(() => world?.database.close());
  const ready = () => {
    if (!world) throw new Error('keyedOrders: the database is made in beforeAll');
    return world;
  };
  const db = () => ready().database.db;
  return {
    db,
    /** The database's URL on Postgres, for a pool of the test's own; null on PGlite. */
    url: () => ready().database.url,
    anOrder: (tx: DbOrTx, intakeKey: string) =>
      insertOrder(tx, new Date('2026-11-27T09:00:00Z'), 'UTC', { ...ready().draft, intakeKey }),
    stored: async (intakeKey: string) =>
      (await db().select().from(orders)).filter((o) => o.intakeKey === intakeKey),
  };
}
