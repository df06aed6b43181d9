import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ManualClock } from '../src/clock.ts';
import type { Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { queryRows } from '../src/db/rows.ts';
import { createLogger } from '../src/logger.ts';
import { enqueue, textMessage } from '../src/outbox/enqueue.ts';
import { claimDueJobs } from '../src/scheduler/claim-jobs.ts';
import { defineJobKind } from '../src/scheduler/job-kind.ts';
import { Scheduler } from '../src/scheduler/scheduler.ts';

export const DUE_JOBS = 1000;
const CLAIM_BATCH = 50;

export interface SchedulerRow {
  stored: number;
  /** Median time of one claim statement (50 jobs), rolled back so every sample sees the same rows. */
  claimMs: number;
  /** Claim → handler → outbox row → recorded done, for all the due jobs, through Scheduler.tick. */
  runMs: number;
  jobsPerSecond: number;
  done: number;
  outboxRows: number;
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

  const samples: number[] = [];
  for (let i = 0; i < 21; i++) {
    await db
      .transaction(async (tx) => {
        const began = performance.now();
        await claimDueJobs(tx, { now: clock.now(), workerId: 'bench', limit: CLAIM_BATCH, leaseMs: 60_000 });
        samples.push(performance.now() - began);
        tx.rollback();
      })
      .catch(() => {});
  }
  samples.sort((a, b) => a - b);

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
    claimMs: samples[Math.floor(samples.length / 2)] ?? Number.NaN,
    runMs,
    jobsPerSecond: (report.done / runMs) * 1000,
    done: report.done,
    outboxRows: Number(outboxRows?.n ?? 0),
  };
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
