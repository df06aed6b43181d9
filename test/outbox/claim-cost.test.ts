import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbOrTx } from '../../src/db/client.ts';
import { queryRows, toNumber } from '../../src/db/rows.ts';
import { claimDue } from '../../src/outbox/claim.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * Outbox rows and index entries this transaction has read so far: the statistics Postgres (and
 * PGlite) keep for the running transaction, over the outbox table and all of its indexes.
 */
async function outboxRowsRead(tx: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ read: unknown }>(
    tx,
    sql`select sum(pg_stat_get_xact_tuples_returned(r.oid) + pg_stat_get_xact_tuples_fetched(r.oid)) as read
        from pg_class r
        where r.oid = 'outbox'::regclass
           or r.oid in (select indexrelid from pg_index where indrelid = 'outbox'::regclass)`,
  );
  return toNumber(row?.read ?? 0);
}

const at = new Date('2026-11-27T10:00:00Z');
const post = (channel: string, i: number) => ({
  key: `backlog:${channel}:${i}`,
  channel,
  effect: { kind: 'message' as const, v: 1 as const, message: { text: `update ${i}` } },
});

describe('claiming the next post to send', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    // A channel Slack held back (a storm of 429s, an outage) has a long queue; two others one post each.
    for (let from = 0; from < 3000; from += 500) {
      await enqueue(
        database.db,
        at,
        Array.from({ length: 500 }, (_, i) => post('C0BACKLOG', from + i)),
      );
    }
    await enqueue(database.db, at, [post('C0QUIET', 0), post('C0OTHER', 0)]);
  });
  afterAll(() => database.close());

  it("reads each channel's head, not the 3,000 posts queued behind one of them", async () => {
    const { claimed, read } = await database.db.transaction(async (tx) => {
      const before = await outboxRowsRead(tx);
      const claimed = await claimDue(tx, { now: at, workerId: 'w1', limit: 10, leaseMs: 30_000 });
      return { claimed, read: (await outboxRowsRead(tx)) - before };
    });
    expect(claimed.map((r) => r.channel).sort()).toEqual(['C0BACKLOG', 'C0OTHER', 'C0QUIET']);
    // A few entries per channel: its head looked up, checked and leased.
    expect(read).toBeLessThan(50);
  });
});
