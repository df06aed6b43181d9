import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** client.ts's Db, named here as drizzle does: client.ts imports this file. */
type Db = PgDatabase<PgQueryResultHKT>;

/**
 * Set on a connection whose pool lets a transaction that stores an order commit without waiting
 * for the disk, so that the year's number counter is free for the next order during the flush
 * (drizzle/0031). Postgres pools set it; PGlite's one connection does not, since nothing there
 * waits for the counter while a commit is flushed.
 */
export const earlyCommitSetting = 'orderdesk.commit_orders_early';

const committingEarly = new WeakSet<Db>();

/** Called by the pool that sets earlyCommitSetting on its connections. */
export function markEarlyCommits(db: Db): void {
  committingEarly.add(db);
}

/**
 * Returns once everything committed on `db` before the call is on disk (or as durable as the
 * server's synchronous_commit makes a commit: on a synchronous standby too, where it has one).
 * A caller that stored an order waits here before telling anyone it is stored.
 *
 * It commits a transaction of its own that waits; the log reaches the disk in order, so every
 * commit before it is there too. Postgres waits at a commit only for a transaction that wrote
 * to the log before it: one that merely took a transaction id does not (its commit record goes
 * out unflushed), so the transaction writes a message of a few bytes to the log (logical
 * decoding, where some consumer uses it, sees it under this prefix). Where orders commit as
 * usual, their commit has waited already and this returns at once.
 */
export async function waitForDisk(db: Db): Promise<void> {
  if (!committingEarly.has(db)) return;
  await db.execute(sql`select pg_logical_emit_message(true, 'orderdesk.wait_for_disk', '')`);
}
