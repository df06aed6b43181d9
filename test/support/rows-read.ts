import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../src/db/client.ts';
import { queryRows, toNumber } from '../../src/db/rows.ts';

/** What a table of the cost tests is read through: its rows and every index of it. */
export type CountedTable = 'outbox' | 'assignments';

/**
 * A table's rows and index entries this transaction has read so far, and the scans it started
 * to read them: the statistics Postgres (and PGlite) keep for the running transaction, over the
 * table and all of its indexes. Tests of what a statement costs as the data grows count these,
 * not time.
 */
export async function tableReads(tx: DbOrTx, table: CountedTable): Promise<{ rows: number; scans: number }> {
  const [row] = await queryRows<{ rows: unknown; scans: unknown }>(
    tx,
    sql`select sum(pg_stat_get_xact_tuples_returned(r.oid) + pg_stat_get_xact_tuples_fetched(r.oid)) as rows,
               sum(pg_stat_get_xact_numscans(r.oid)) as scans
        from pg_class r
        where r.oid = ${table}::regclass
           or r.oid in (select indexrelid from pg_index where indrelid = ${table}::regclass)`,
  );
  return { rows: toNumber(row?.rows ?? 0), scans: toNumber(row?.scans ?? 0) };
}

/** Runs fn in a transaction and counts what it read of the table. */
export async function reading<T>(
  db: Db,
  table: CountedTable,
  fn: (tx: DbOrTx) => Promise<T>,
): Promise<{ result: T; read: number; scans: number }> {
  return db.transaction(async (tx) => {
    const before = await tableReads(tx, table);
    const result = await fn(tx);
    const after = await tableReads(tx, table);
    return { result, read: after.rows - before.rows, scans: after.scans - before.scans };
  });
}
