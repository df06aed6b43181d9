import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

/** Set by CI for the second run of the suite; without it every test runs on PGlite. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const onPostgres = Boolean(testDatabaseUrl);

/**
 * A clean, migrated database of the test's own: an in-memory PGlite, or a fresh database on
 * the Postgres server (dropped again on close), so tests never see each other's rows.
 */
export type TestDatabase = Database & {
  /** The fresh database's URL on Postgres, for a second connection pool; null on PGlite. */
  url: string | null;
};

export async function createTestDatabase(
  opts: { migrate?: boolean; max?: number } = {},
): Promise<TestDatabase> {
  const database = testDatabaseUrl
    ? await freshPostgres(testDatabaseUrl, opts.max)
    : { ...(await openPgliteFromTemplate()), url: null };
  if (opts.migrate !== false) await migrateDatabase(database);
  return database;
}

/** Starts from the migrated dump the global setup made: a second instead of initdb's four. */
async function openPgliteFromTemplate(): Promise<Database> {
  const template = inject('pgliteTemplate');
  if (!template) return openDatabase({ kind: 'pglite' });
  return openDatabase({ kind: 'pglite', snapshot: new Blob([await readFile(template)]) });
}

async function freshPostgres(url: string, max?: number): Promise<TestDatabase> {
  const name = `orderdesk_test_${randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString(), max });
  return {
    ...database,
    url: target.toString(),
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
