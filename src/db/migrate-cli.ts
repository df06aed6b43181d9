import { existsSync } from 'node:fs';
import { ConfigError, parseConfig } from '../config.ts';
import { openDatabase } from './client.ts';
import { migrateDatabase } from './migrate.ts';

/** `npm run db:migrate`: applies drizzle/ to DATABASE_URL, or to the embedded database in DATA_DIR. */
async function run(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = parseConfig(process.env);
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_URL }
      : { kind: 'pglite', dataDir: config.DATA_DIR },
  );
  try {
    await migrateDatabase(database);
    process.stdout.write(`migrated (${database.kind})\n`);
  } finally {
    await database.close();
  }
}

run().catch((error: unknown) => {
  const lines =
    error instanceof ConfigError ? error.problems : [error instanceof Error ? error.message : String(error)];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
