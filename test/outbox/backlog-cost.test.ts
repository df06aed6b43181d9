import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, toNumber } from '../../src/db/rows.ts';
import { claimDue } from '../../src/outbox/claim.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { newerCardQueued } from '../../src/outbox/newer-queued.ts';
import { reading } from '../support/rows-read.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const at = new Date('2026-11-27T10:00:00Z');
const post = (channel: string, i: number) => ({
  key: `backlog:${channel}:${i}`,
  channel,
  effect: { kind: 'message' as const, v: 1 as const, message: { text: `update ${i}` } },
});
const cardUpdate = (channel: string, orderId: number, n: number) => ({
  key: `card:${channel}:${orderId}:${n}`,
  channel,
  effect: { kind: 'order_card' as const, v: 1 as const, orderId, card: 'order' as const },
});

describe("the outbox's work follows what is queued, not what is stored", () => {
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
    const { result: claimed, read } = await reading(database.db, 'outbox', (tx) =>
      claimDue(tx, { now: at, workerId: 'w1', limit: 10, leaseMs: 30_000 }),
    );
    expect(claimed.map((r) => r.channel).sort()).toEqual(['C0BACKLOG', 'C0OTHER', 'C0QUIET']);
    // A few entries per channel: its head looked up, checked and leased.
    expect(read).toBeLessThan(50);
  });

  it("asks whether a card update is superseded of that order's queued rows, not of the channel's", async () => {
    // 3,000 card updates for other orders wait behind order 9,001's in C0CARDS.
    await enqueue(database.db, at, [cardUpdate('C0CARDS', 9001, 1)]);
    for (let from = 0; from < 3000; from += 500) {
      await enqueue(
        database.db,
        at,
        Array.from({ length: 500 }, (_, i) => cardUpdate('C0CARDS', from + i + 1, 1)),
      );
    }
    const [head] = await queryRows<{ id: unknown }>(
      database.db,
      sql`select id from outbox where idempotency_key = 'card:C0CARDS:9001:1'`,
    );
    const row = { id: toNumber(head?.id), channel: 'C0CARDS' };

    const alone = await reading(database.db, 'outbox', (tx) => newerCardQueued(tx, row, 9001, 'order'));
    expect(alone.result).toBe(false);
    expect(alone.read).toBeLessThan(20);

    await enqueue(database.db, at, [cardUpdate('C0CARDS', 9001, 2)]);
    const superseded = await reading(database.db, 'outbox', (tx) => newerCardQueued(tx, row, 9001, 'order'));
    expect(superseded.result).toBe(true);
    expect(superseded.read).toBeLessThan(20);
  });

  it('looks at the queues of the channels with something queued, not of the 2,000 idle ones', async () => {
    // Every DM, App Home and department channel ever posted to keeps its gate.
    await database.db.execute(
      sql`insert into slack_channel_gates (channel, next_send_at)
          select 'C0IDLE' || n, ${at.toISOString()}::timestamptz from generate_series(1, 2000) as n`,
    );
    // With statistics, as autovacuum keeps them.
    await database.db.execute(sql`analyze slack_channel_gates`);
    await database.db.execute(sql`analyze outbox`);
    const later = new Date(at.getTime() + 2000);
    const { result: claimed, scans } = await reading(database.db, 'outbox', (tx) =>
      claimDue(tx, { now: later, workerId: 'w1', limit: 10, leaseMs: 30_000 }),
    );
    // The others queued are still being sent, under the first claim's lease.
    expect(claimed.map((r) => r.channel)).toEqual(['C0CARDS']);
    // A look at the queue of each channel with something queued (four), not of each gate.
    expect(scans).toBeLessThan(50);
  });
});
