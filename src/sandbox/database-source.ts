import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Database, openDatabase } from '../db/client.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';

/**
 * Where the sandbox keeps its database, and how "Reset demo" empties it. The sandbox closes the
 * database before `wipe` and opens it again after, so a wipe never pulls files from under PGlite.
 */
export interface DatabaseSource {
  /** Shown in the log line and in refusals. */
  readonly describe: string;
  open(): Promise<Database>;
  /** Empties the database; null where that would destroy data the sandbox does not own. */
  wipe: (() => Promise<void>) | null;
  /** Where the sandbox keeps its channels between runs (beside the database); null: not kept. */
  workspaceFile: string | null;
}

/** The lock file survives a wipe: it belongs to the process, not to the database. */
const lockFileName = 'orderdesk.lock';

/** The embedded database in a folder: a wipe deletes the folder's content. */
export function dataDirSource(dataDir: string): DatabaseSource {
  return {
    describe: `the embedded database in ${dataDir}`,
    open: () => openDatabase({ kind: 'pglite', dataDir }),
    // In the folder, so a wipe empties the channels along with the database.
    workspaceFile: path.join(dataDir, 'sandbox-slack.json'),
    async wipe() {
      // Taking the lock proves no other process (an orderdesk started meanwhile) uses the folder.
      const unlock = await lockDataDir(dataDir);
      try {
        const entries = await readdir(dataDir);
        await Promise.all(
          entries
            .filter((name) => name !== lockFileName)
            .map((name) => rm(path.join(dataDir, name), { recursive: true, force: true })),
        );
      } finally {
        unlock();
      }
    },
  };
}

/**
 * A Postgres server: the sandbox runs on it, but never drops a database it did not create, so a
 * mistyped DATABASE_URL cannot wipe real orders.
 */
export function postgresSource(url: string): DatabaseSource {
  const where = new URL(url);
  const describe = `the Postgres database ${where.pathname.slice(1)} on ${where.host}`;
  return {
    describe,
    open: () => openDatabase({ kind: 'postgres', url }),
    wipe: null,
    workspaceFile: null,
  };
}
