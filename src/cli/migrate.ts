import { ConfigError } from '../config.ts';
import { withMigratedDatabase } from '../db/open-configured-database.ts';

/** `npm run db:migrate`: applies drizzle/ to DATABASE_URL, or to the embedded database in DATA_DIR. */
async function run(): Promise<void> {
  // Opening a database for a command migrates it; saying so is all this command adds.
  await withMigratedDatabase(async (database) => {
    process.stdout.write(`migrated (${database.kind})\n`);
  });
}

run().catch((error: unknown) => {
  const lines =
    error instanceof ConfigError ? error.problems : [error instanceof Error ? error.message : String(error)];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
