import path from 'node:path';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { packageRoot } from '../package-root.ts';
import type { Database } from './client.ts';

export const migrationsFolder = path.join(packageRoot, 'drizzle');

/**
 * Applies drizzle/ migrations. On Postgres it runs under an advisory lock: drizzle's migrator
 * reads the last applied migration before its own transaction, so two instances starting
 * together would both try to create the same tables.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as PgliteDatabase, { migrationsFolder });
    return;
  }
  await database.withAdvisoryLock('orderdesk:migrate', (db) =>
    migratePostgres(db as PostgresJsDatabase, { migrationsFolder }),
  );
}
