import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The drizzle handle both drivers share; use cases never know which one they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Query functions take this: the outer handle or the transaction they must stay inside. */
export type DbOrTx = Db | Tx;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; max?: number }
  /** `snapshot`: a dump (PGlite's dumpDataDir) to start from instead of an empty database. */
  | { kind: 'pglite'; dataDir?: string; snapshot?: Blob };

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseTarget['kind'];
  /** Runs fn while holding a session-level advisory lock (a no-op lock on PGlite: one connection). */
  withAdvisoryLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** PGlite only: the whole database as a dump, to open again later as a `snapshot`. */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

/**
 * Opens Postgres through postgres.js, or PGlite when no URL is configured. A PGlite data
 * folder is locked for this process: PGlite has no lock of its own, and two processes on one
 * folder corrupt it.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres'
    ? openPostgres(target.url, target.max)
    : openPglite(target.dataDir, target.snapshot);
}

function openPostgres(url: string, max = 10): Database {
  // At least two connections: migrations hold an advisory lock on one while running on another.
  const client = postgres(url, { max: Math.max(2, max), onnotice: () => {} });
  const db = drizzlePostgres({ client, schema });
  return {
    db,
    kind: 'postgres',
    async withAdvisoryLock(name, fn) {
      const conn = await client.reserve();
      try {
        await conn`select pg_advisory_lock(hashtext(${name}))`;
        try {
          return await fn();
        } finally {
          await conn`select pg_advisory_unlock(hashtext(${name}))`;
        }
      } finally {
        conn.release();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string | undefined, snapshot: Blob | undefined): Promise<Database> {
  const unlock = dataDir ? await lockDataDir(dataDir) : () => {};
  try {
    // Loaded only when used: PGlite's module alone costs ~50 MB of RSS, which a bot on Postgres
    // has no use for.
    const [{ PGlite }, { pg_trgm }, { drizzle: drizzlePglite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('drizzle-orm/pglite'),
    ]);
    const client = await PGlite.create({
      // The catalog search's trigram indexes (drizzle/0006_search_trigrams.sql).
      extensions: { pg_trgm },
      ...(dataDir ? { dataDir } : {}),
      ...(snapshot ? { loadDataDir: snapshot } : {}),
    });
    const db = drizzlePglite({ client, schema });
    return {
      db,
      kind: 'pglite',
      withAdvisoryLock: (_name, fn) => fn(),
      dump: () => client.dumpDataDir('none'),
      async close() {
        await client.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
