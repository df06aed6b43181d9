import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import type { DatabaseSource } from '../../src/sandbox/database-source.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/start-sandbox.ts';
import { createTestDatabase } from '../support/test-database.ts';

/**
 * The sandbox as `npm start` runs it, on a free port, with a database of the test's own (PGlite
 * from the migrated template, or a fresh Postgres database on the CI's second run). Every open
 * gives a fresh database, so a reset needs no wipe.
 */
export async function startTestSandbox(
  opts: { wipe?: boolean } = {},
): Promise<{ sandbox: RunningSandbox; logs: string[] }> {
  const logs: string[] = [];
  const source: DatabaseSource = {
    describe: 'a test database',
    open: () => createTestDatabase(),
    // Without wipe, the sandbox treats the database as one it must not wipe (a Postgres server).
    wipe: opts.wipe === false ? null : async () => {},
    workspaceFile: null,
  };
  const sandbox = await startSandbox({
    config: parseConfig({ LOG_LEVEL: 'warn' }),
    source,
    port: 0,
    logger: createLogger('warn', (line) => logs.push(line)),
  });
  return { sandbox, logs };
}
