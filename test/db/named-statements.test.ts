import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbOrTx } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/rows.ts';
import { stepUnderWay } from '../../src/orders/status-sets.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-database.ts';

/** What the connection a transaction runs on has prepared, by statement text. */
const preparedOn = async (tx: DbOrTx) =>
  (await queryRows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements`)).map(
    (r) => r.statement,
  );

describe.skipIf(!onPostgres)('statements on the Postgres server', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('a statement with parameters is prepared once on its connection and run by name after; one without goes as a simple query, never prepared, however often its text changes', async () => {
    const prepared = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select ${41}::int + 1 as answer`);
      await tx.execute(sql`select ${7}::int + 1 as answer`);
      await tx.execute(sql.raw(`set local application_name = 'report-${Date.now()}'`));
      return preparedOn(tx);
    });
    expect(prepared.filter((s) => s.includes('+ 1 as answer'))).toHaveLength(1);
    expect(prepared.filter((s) => s.includes('application_name'))).toEqual([]);
  });

  it('a statement run again and again is planned once for any values, not afresh on every run', async () => {
    const [row] = await database.db.transaction(async (tx) => {
      for (let i = 0; i < 8; i++) {
        await tx.execute(
          sql`select count(*) from assignments where department_id = ${i} and ${stepUnderWay}`,
        );
      }
      return queryRows<{ generic_plans: number; custom_plans: number }>(
        tx,
        sql`select generic_plans::int, custom_plans::int from pg_prepared_statements
            where statement like '%from assignments where department_id = $1%'`,
      );
    });
    expect(row?.generic_plans).toBeGreaterThan(0);
  });
});
