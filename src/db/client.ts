import { randomUUID } from 'node:crypto';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock.ts';
import { earlyCommitSetting, markEarlyCommits } from './early-commit.ts';
import { namedStatements } from './named-statements.ts';
import { watchedSocket } from './watched-socket.ts';

/** How much longer than statement_timeout a silent server is waited for: its error's way back. */
const silenceMarginMs = 1000;

/**
 * The drizzle handle both drivers share; use cases never know which one they run on. It is
 * opened without the schema: orderdesk does not use drizzle's relational queries (`db.query`),
 * and with a schema every transaction built a query builder for each of its 34 tables (about
 * 22 µs of CPU per transaction, measured on empty transactions).
 */
type NoSchema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** Query functions take this: the outer handle or the transaction they must stay inside. */
export type DbOrTx = Db | Tx;

/**
 * Bounds for a server that may hang. Connecting covers the whole handshake; the statement bound
 * is enforced by the server, which also ends a transaction left idle that long twice over (a
 * client cut off mid-transaction would otherwise hold its locks, the order counter's among them).
 */
export interface DatabaseTimeouts {
  connectMs: number;
  statementMs: number;
}

export interface PoolUse {
  max: number;
  open: number;
  busy: number;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; max?: number; timeouts?: DatabaseTimeouts }
  /** `snapshot`: a dump (PGlite's dumpDataDir) to start from instead of an empty database. */
  | { kind: 'pglite'; dataDir?: string; snapshot?: Blob };

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseTarget['kind'];
  /**
   * Runs fn while holding a session-level advisory lock (a no-op lock on PGlite: one connection).
   * fn gets a handle without the statement timeout: a migration may rightly run for minutes.
   */
  withAdvisoryLock<T>(name: string, fn: (db: Db) => Promise<T>): Promise<T>;
  /** This process's connections: how many it may open, has open, and are running a statement. */
  poolUse(): Promise<PoolUse>;
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
    ? openPostgres(target.url, target.max, target.timeouts)
    : openPglite(target.dataDir, target.snapshot);
}

function openPostgres(url: string, max = 10, timeouts?: DatabaseTimeouts): Database {
  // postgres.js keeps its pool's counts to itself; the server knows each connection by this name.
  const applicationName = `orderdesk ${randomUUID()}`;
  const connection = {
    application_name: applicationName,
    plan_cache_mode: 'auto',
    [earlyCommitSetting]: 'on',
  };
  const bounded = timeouts
    ? {
        // postgres.js counts in seconds.
        connect_timeout: timeouts.connectMs / 1000,
        connection: {
          ...connection,
          statement_timeout: timeouts.statementMs,
          idle_in_transaction_session_timeout: 2 * timeouts.statementMs,
        },
        // The server's own bound cannot reach us through a hung connection; this one can.
        socket: watchedSocket(timeouts.statementMs + silenceMarginMs),
      }
    : { connection };
  const client = postgres(url, { max, onnotice: () => {}, ...bounded });
  const db = drizzlePostgres({ client: namedStatements(client) });
  markEarlyCommits(db);
  return {
    db,
    kind: 'postgres',
    async poolUse() {
      // The asking connection is left out: it is the scrape, not the work being measured.
      const [row] = await client<{ open: number; busy: number }[]>`
        select count(*)::int as open, (count(*) filter (where state <> 'idle'))::int as busy
        from pg_stat_activity where application_name = ${applicationName} and pid <> pg_backend_pid()`;
      return { max, open: (row?.open ?? 0) + 1, busy: row?.busy ?? 0 };
    },
    async withAdvisoryLock(name, fn) {
      // Two connections of its own: the lock is held on one while the work runs on the other.
      const unbounded = postgres(url, {
        max: 2,
        onnotice: () => {},
        ...(timeouts ? { connect_timeout: timeouts.connectMs / 1000 } : {}),
      });
      try {
        const conn = await unbounded.reserve();
        try {
          await conn`select pg_advisory_lock(hashtext(${name}))`;
          try {
            return await fn(drizzlePostgres({ client: unbounded }));
          } finally {
            await conn`select pg_advisory_unlock(hashtext(${name}))`;
          }
        } finally {
          conn.release();
        }
      } finally {
        await unbounded.end({ timeout: 5 });
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
    const db = drizzlePglite({ client });
    return {
      db,
      kind: 'pglite',
      withAdvisoryLock: (_name, fn) => fn(db),
      // One in-process connection; it is answering this very question.
      poolUse: async () => ({ max: 1, open: 1, busy: 0 }),
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
