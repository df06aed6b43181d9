import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ManualClock } from '../src/clock.ts';
import type { Database, Tx } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { queryRows } from '../src/db/rows.ts';
import { createLogger } from '../src/logger.ts';
import { claimDue } from '../src/outbox/claim.ts';
import { enqueue, textMessage } from '../src/outbox/enqueue.ts';
import { claimDueJobs } from '../src/scheduler/claim-jobs.ts';
import { defineJobKind } from '../src/scheduler/job-kind.ts';
import { Scheduler } from '../src/scheduler/scheduler.ts';
import { percentile, sortedCopy } from './stats.ts';

export const DUE_JOBS = 1000;
const CLAIM_BATCH = 50;
/** Channels ever posted to (each with its gate) in the outbox claim's measurement, all idle but a few. */
export const IDLE_CHANNELS = 10_000;
/** Posts queued in the one channel Slack is holding back, in the same measurement. */
export const HELD_BACK = 10_000;
/** Channels with one post waiting each. */
const WAITING_CHANNELS = 10;

export interface SchedulerRow {
  stored: number;
  /** Median time of one claim statement (50 jobs), rolled back so every sample sees the same rows. */
  claimMs: number;
  /** Claim → handler → outbox row → recorded done, for all the due jobs, through Scheduler.tick. */
  runMs: number;
  jobsPerSecond: number;
  done: number;
  outboxRows: number;
  /**
   * Median time of one outbox claim (rolled back) with `stored` posts sent long ago,
   * IDLE_CHANNELS idle gates, HELD_BACK posts queued in one channel and one in each of
   * WAITING_CHANNELS others.
   */
  outboxClaimMs: number;
}

export interface SchedulerReport {
  database: string;
  rows: SchedulerRow[];
}

const benchNote = defineJobKind({
  kind: 'bench.note',
  version: 1,
  payload: z.object({ channel: z.string() }),
  urgency: 'normal',
  async handle(ctx, payload, tx) {
    await enqueue(tx, ctx.now, [textMessage(`bench:${ctx.key}`, payload.channel, ctx.key)]);
  },
});

/**
 * For each stored count: that many jobs in the table, of which DUE_JOBS are due and the rest
 * finished long ago (what a year of reminders leaves behind). Claiming must cost the same
 * whatever the finished ones number: it walks the partial index of scheduled rows only.
 */
export async function measureScheduler(
  database: Database,
  opts: { label: string; stored: number[] },
): Promise<SchedulerReport> {
  await migrateDatabase(database);
  const rows: SchedulerRow[] = [];
  for (const stored of opts.stored) rows.push(await measureOne(database, stored));
  return { database: opts.label, rows };
}

async function measureOne(database: Database, stored: number): Promise<SchedulerRow> {
  const { db } = database;
  const clock = new ManualClock('2026-11-27T10:00:00Z');
  const now = clock.now().toISOString();
  await db.execute(sql`truncate scheduled_jobs, outbox, outbox_file_uploads, slack_channel_gates`);
  // One statement each: a million rows in seconds, not a million round trips.
  await db.execute(sql`
    insert into scheduled_jobs (kind, key, run_at, payload, status, attempts, created_at, finished_at)
    select 'bench.note', 'old-' || g, ${now}::timestamptz - g * interval '1 minute',
           '{"channel":"C0OLD"}'::jsonb, 'done', 1, ${now}::timestamptz, ${now}::timestamptz
    from generate_series(1, ${stored - DUE_JOBS}) g`);
  await db.execute(sql`
    insert into scheduled_jobs (kind, key, run_at, payload, status, created_at)
    select 'bench.note', 'due-' || g, ${now}::timestamptz - g * interval '1 millisecond',
           jsonb_build_object('channel', 'C0BENCH' || (g % 10)), 'scheduled', ${now}::timestamptz
    from generate_series(1, ${DUE_JOBS}) g`);
  await db.execute(sql`analyze scheduled_jobs`);
  const claimMs = await medianRolledBack(database, (tx) =>
    claimDueJobs(tx, { now: clock.now(), workerId: 'bench', limit: CLAIM_BATCH, leaseMs: 60_000 }),
  );

  const scheduler = new Scheduler({
    db,
    clock,
    logger: createLogger('warn'),
    calendar: { timeZone: 'UTC', workdays: [1, 2, 3, 4, 5], opensAt: 540, closesAt: 1020, holidays: [] },
    kinds: [benchNote],
    configAdmins: [],
    batchSize: CLAIM_BATCH,
    maxBatchesPerTick: 1000,
  });
  const began = performance.now();
  const report = await scheduler.tick();
  const runMs = performance.now() - began;
  const [outboxRows] = await queryRows<{ n: unknown }>(db, sql`select count(*) as n from outbox`);
  return {
    stored,
    claimMs,
    runMs,
    jobsPerSecond: (report.done / runMs) * 1000,
    done: report.done,
    outboxRows: Number(outboxRows?.n ?? 0),
    outboxClaimMs: await measureOutboxClaim(database, clock.now(), stored),
  };
}

/**
 * The outbox's claim, as the dispatcher makes it every time it looks for work, in a desk that has
 * sent `stored` posts over IDLE_CHANNELS channels and now has a backlog: it should cost what is
 * queued in the few channels with work, not the posts sent, the channels known or the backlog's
 * length.
 */
async function measureOutboxClaim(database: Database, now: Date, stored: number): Promise<number> {
  const { db } = database;
  const at = now.toISOString();
  await db.execute(sql`truncate outbox, outbox_file_uploads, slack_channel_gates`);
  await db.execute(sql`
    insert into slack_channel_gates (channel, next_send_at)
    select 'C0IDLE' || g, ${at}::timestamptz - interval '1 hour' from generate_series(1, ${IDLE_CHANNELS}) g`);
  await db.execute(sql`
    insert into outbox (idempotency_key, channel, payload, status, available_at, attempts, created_at, sent_at, slack_ts)
    select 'sent-' || g, 'C0IDLE' || (g % ${IDLE_CHANNELS} + 1), '{"kind":"message","v":1,"message":{"text":"sent"}}'::jsonb,
           'sent', ${at}::timestamptz - interval '1 day', 1, ${at}::timestamptz - interval '1 day',
           ${at}::timestamptz - interval '1 day', '1.' || g
    from generate_series(1, ${stored}) g`);
  const waiting = (channel: string, from: number, n: number) =>
    Array.from({ length: n }, (_, i) =>
      textMessage(`queued:${channel}:${from + i}`, channel, `update ${from + i}`),
    );
  for (let from = 0; from < HELD_BACK; from += 1000) {
    await enqueue(db, now, waiting('C0HELD', from, Math.min(1000, HELD_BACK - from)));
  }
  for (let c = 0; c < WAITING_CHANNELS; c++) await enqueue(db, now, waiting(`C0WAITING${c}`, 0, 1));
  await db.execute(sql`analyze outbox`);
  await db.execute(sql`analyze slack_channel_gates`);
  return medianRolledBack(database, (tx) =>
    claimDue(tx, { now, workerId: 'bench', limit: CLAIM_BATCH, leaseMs: 60_000 }),
  );
}

/** The median of 21 runs of one statement, each rolled back so every run sees the same rows. */
async function medianRolledBack(database: Database, run: (tx: Tx) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 21; i++) {
    await database.db
      .transaction(async (tx) => {
        const began = performance.now();
        await run(tx);
        samples.push(performance.now() - began);
        tx.rollback();
      })
      .catch(() => {});
  }
  return percentile(sortedCopy(samples), 50);
}

/** `tsx bench/scheduler.ts [--quick]`: this part alone, in a scratch database on DATABASE_URL, or PGlite. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { openDatabase } = await import('../src/db/client.ts');
  const { createScratchDatabase } = await import('./scratch-database.ts');
  const server = process.env.DATABASE_URL;
  const scratch = server ? await createScratchDatabase(server, 'scheduler') : null;
  const database = await openDatabase(scratch ? { kind: 'postgres', url: scratch.url } : { kind: 'pglite' });
  try {
    const stored = process.argv.includes('--quick') ? [10_000, 100_000] : [10_000, 1_000_000];
    console.log(await measureScheduler(database, { label: scratch ? 'Postgres' : 'PGlite', stored }));
  } finally {
    await database.close();
    await scratch?.drop();
  }
}
