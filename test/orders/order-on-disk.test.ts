import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/roles.ts';
import type { DbOrTx } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/rows.ts';
import { submitOrder } from '../../src/intake/submit-order.ts';
import { createOrder, insertOrder, type NewOrder } from '../../src/orders/create-order.ts';
import { aOneLineOrder } from '../support/factories.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { acmeSubmission, seedIntakeWorld } from '../support/intake-world.ts';
import { onPostgres } from '../support/test-database.ts';

const admin: Actor = { userId: people.admin, roles: ['admin'], departmentId: null, departmentKey: null };

let flow: Flow;
let order: NewOrder;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  order = await aOneLineOrder(flow.database.db, people.admin, {
    customer: { code: 'DISKCO' },
    product: { sku: 'DISK-A' },
    line: { spec: 'blue', quantity: 10, unitPriceCents: 1250 },
  });
});
afterAll(() => flow?.stop());

describe("an order's number is free for the next order while its commit goes to disk", () => {
  it('on a Postgres pool the transaction that stores an order commits without waiting for the disk; on the embedded database, with one connection and nobody waiting, it waits; other transactions wait on both', async () => {
    const setting = (db: DbOrTx) =>
      queryRows<{ value: string }>(db, sql`select current_setting('synchronous_commit') as value`);
    const inOrders = await flow.database.db.transaction(async (tx) => {
      await insertOrder(tx, new Date('2026-11-27T10:00:00Z'), 'UTC', order);
      return setting(tx);
    });
    expect(inOrders).toEqual([{ value: onPostgres ? 'off' : 'on' }]);
    expect(await setting(flow.database.db)).toEqual([{ value: 'on' }]);
  });
});

// The log can be read back only as far as it is on disk (pg_walinspect), so finding the
// order's commit there right after the call returned shows it was on disk by then. Without the
// wait the server's WAL writer gets to it within a fifth of a second, long after.
describe.skipIf(!onPostgres)('nobody is told an order is stored before it is on disk', () => {
  beforeAll(async () => {
    await flow.database.db.execute(sql`create extension if not exists pg_walinspect`);
  });

  const logPosition = async () => {
    const [row] = await queryRows<{ lsn: string }>(
      flow.database.db,
      sql`select pg_current_wal_insert_lsn()::text as lsn`,
    );
    if (!row) throw new Error('no log position');
    return row.lsn;
  };
  const commitOnDisk = async (orderId: number, since: string) => {
    const [row] = await queryRows<{ found: number }>(
      flow.database.db,
      sql`select case when ${since}::pg_lsn > pg_current_wal_flush_lsn() then 0 else (
            select count(*)::int from pg_get_wal_records_info_till_end_of_wal(${since}::pg_lsn)
            where record_type = 'COMMIT' and xid = (select xmin from orders where id = ${orderId})
          ) end as found`,
    );
    return row?.found === 1;
  };

  it('createOrder returns once the order’s commit is on disk', async () => {
    for (let i = 0; i < 5; i++) {
      const since = await logPosition();
      const created = await createOrder(flow.desk.ctx, order);
      expect(await commitOnDisk(created.id, since)).toBe(true);
    }
  });

  it("an admin's Submit returns once the order it stored is on disk; a second delivery of it finds that order", async () => {
    const since = await logPosition();
    const first = await submitOrder(flow.desk.ctx, admin, await acmeSubmission(flow, 'view:V0DISK'));
    expect(await commitOnDisk(first.order.id, since)).toBe(true);
    const again = await submitOrder(flow.desk.ctx, admin, await acmeSubmission(flow, 'view:V0DISK'));
    expect(again).toMatchObject({ repeated: true, order: { id: first.order.id } });
  });
});
