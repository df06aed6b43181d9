import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Db, DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

/** Runs part of a report on a transaction that sees the same orders as the rest of it. */
export type Alongside = <R>(read: (tx: DbOrTx) => Promise<R>) => Promise<R>;

const readOnly = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

/**
 * Memory enough to sort a year's durations without spilling to disk; and no JIT compilation: a
 * report's statements are costed high enough to be compiled, which took longer (up to a third
 * of a second a statement) than the few expressions per row it saves.
 */
const settings = (tx: DbOrTx) =>
  tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);

/**
 * Reports of this process running their parts on connections of their own. Each holds its first
 * connection while it waits for up to three more: beyond this many at once, a report runs its
 * parts in turn, so reports together never wait on a pool they hold (ten connections by default).
 */
const fanOutLimit = 2;
let fannedOut = 0;

/**
 * Runs a report's statements so every figure counts the same orders. On a Postgres server the
 * first transaction exports its snapshot and each `alongside` part runs on a connection of its
 * own in a transaction that imports it: the parts run at once on the server's cores and still
 * read one database state. On PGlite (one connection) the parts run in turn in the one
 * transaction; inside a caller's transaction (the weekly insights store what they read) they
 * run in it as they are.
 */
export async function reportTransaction<T>(
  db: DbOrTx,
  read: (tx: DbOrTx, alongside: Alongside) => Promise<T>,
): Promise<T> {
  if (db instanceof PgTransaction) return read(db, (part) => part(db));
  if (!onServer(db) || fannedOut >= fanOutLimit) {
    return db.transaction(async (tx) => {
      await settings(tx);
      return read(tx, (part) => part(tx));
    }, readOnly);
  }
  fannedOut++;
  try {
    return await fanOut(db, read);
  } finally {
    fannedOut--;
  }
}

/** A server's driver: PGlite has one connection, its parts could only wait for one another. */
const onServer = (db: Db): boolean => db instanceof PostgresJsDatabase;

/** The report's parts at once, on transactions that import the first one's snapshot. */
function fanOut<T>(db: Db, read: (tx: DbOrTx, alongside: Alongside) => Promise<T>) {
  return db.transaction(async (tx) => {
    await settings(tx);
    const [row] = await queryRows<{ snapshot: string }>(tx, sql`select pg_export_snapshot() as snapshot`);
    const snapshot = row?.snapshot ?? '';
    // SET TRANSACTION SNAPSHOT takes a literal, not a parameter; the server's ids are hex and dashes.
    if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
    const alongside: Alongside = (part) =>
      db.transaction(async (other) => {
        await other.execute(sql.raw(`set transaction snapshot '${snapshot}'`));
        await settings(other);
        return part(other);
      }, readOnly);
    return read(tx, alongside);
  }, readOnly);
}
