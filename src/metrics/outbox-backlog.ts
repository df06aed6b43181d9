import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outbox } from '../db/schema.ts';

export interface OutboxBacklog {
  /** Rows not sent yet: waiting, or being sent right now. */
  pending: number;
  /** How long the oldest of them has waited; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** Read at scrape time; the partial index on pending and sending rows keeps it to the backlog. */
export async function outboxBacklog(db: Db, now: Date): Promise<OutboxBacklog> {
  const [row] = await db
    .select({ pending: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${outbox.createdAt})` })
    .from(outbox)
    // Constants, not parameters: a plan made once for any values can match the index with them.
    .where(sql`${outbox.status} in ('pending', 'sending')`);
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
  return {
    pending: row?.pending ?? 0,
    oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
  };
}
