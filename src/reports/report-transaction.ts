import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';

/**
 * Runs a report's statements in one read-only transaction, so every figure counts the same
 * orders, with memory enough to sort a year's durations without spilling to disk. Inside a
 * caller's transaction (the weekly insights store what they read) they run in it as they are.
 */
export async function reportTransaction<T>(db: DbOrTx, read: (tx: DbOrTx) => Promise<T>): Promise<T> {
  if (db instanceof PgTransaction) return read(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction read only`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return read(tx);
  });
}
