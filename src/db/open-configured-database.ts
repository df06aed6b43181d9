import { existsSync } from 'node:fs';
import { type Config, parseConfig } from '../config.ts';
import { type Database, openDatabase } from './client.ts';
import { migrateDatabase } from './migrate.ts';

/**
 * Reads ./.env into the environment when there is one, so the command-line tools are set up
 * by the same file as the bot. Variables already set win: a test or a shell can override it.
 */
export function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

type DatabaseConfig = Pick<
  Config,
  'DATABASE_URL' | 'DATA_DIR' | 'DATABASE_CONNECT_TIMEOUT_MS' | 'DATABASE_STATEMENT_TIMEOUT_MS'
>;

/**
 * The database the configuration names: Postgres at DATABASE_URL, else the embedded one in
 * DATA_DIR. Serving Slack, every call is bounded well inside Slack's 3 seconds; a command-line
 * import or seed (`batch`) may run one long statement.
 */
export function openConfiguredDatabase(
  config: DatabaseConfig,
  use: 'requests' | 'batch' = 'requests',
): Promise<Database> {
  if (!config.DATABASE_URL) return openDatabase({ kind: 'pglite', dataDir: config.DATA_DIR });
  const timeouts = {
    connectMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  };
  return openDatabase({
    kind: 'postgres',
    url: config.DATABASE_URL,
    ...(use === 'requests' ? { timeouts } : {}),
  });
}

/**
 * What each `npm run` database command does around its own work: reads the configuration
 * (a ConfigError lists every bad variable), opens the configured database and migrates it
 * (a command may be the first thing run against a new one), and closes it even on failure,
 * which also frees the embedded database's folder for the next process.
 */
export async function withMigratedDatabase<T>(
  work: (database: Database, config: Config) => Promise<T>,
): Promise<T> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const database = await openConfiguredDatabase(config, 'batch');
  try {
    await migrateDatabase(database);
    return await work(database, config);
  } finally {
    await database.close();
  }
}
