import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import cron, { type ScheduledTask } from 'node-cron';
import type { BusinessCalendar } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { claimDueJobs } from './claim-jobs.ts';
import { type JobKind, jobKindRegistry } from './job-kind.ts';
import { fireDueRecurring, type RecurringSchedule, registerRecurring } from './recurring.ts';
import { type RunDeps, type RunOutcome, runJob } from './run-job.ts';

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  calendar: BusinessCalendar;
  /** Every job kind this version runs; a stored job of any other kind is given up. */
  kinds: readonly JobKind<unknown>[];
  recurring?: readonly RecurringSchedule<unknown>[];
  /** ORDERDESK_ADMINS: told, with the admins on record, when a job is given up. */
  configAdmins: readonly string[];
  /** Called after jobs ran, so the outbox sends their effects without waiting for its poll. */
  afterWrite?: () => void;
  workerId?: string;
  /** Jobs claimed per statement. */
  batchSize?: number;
  /** Claim statements per tick at most, so one tick cannot run forever behind a flood. */
  maxBatchesPerTick?: number;
  /** Jobs of one batch run side by side. */
  concurrency?: number;
  /** How long a claimed job is ours; after that another instance may run it (we may have died). */
  leaseMs?: number;
  /** node-cron expression of the ticks. */
  every?: string;
}

export type TickReport = { recurring: number } & Record<RunOutcome, number>;

/**
 * The durable scheduler: jobs are rows in Postgres, node-cron only says when to look. Each tick
 * turns due recurring schedules into jobs, claims due jobs a batch at a time and runs each in
 * its own transaction. Any number of instances can tick against one database.
 */
export class Scheduler {
  readonly workerId: string;
  readonly #opts: SchedulerOptions &
    Required<Pick<SchedulerOptions, 'batchSize' | 'maxBatchesPerTick' | 'concurrency' | 'leaseMs' | 'every'>>;
  readonly #deps: RunDeps;
  readonly #recurring: readonly RecurringSchedule[];
  #task: ScheduledTask | null = null;
  #ticking: Promise<unknown> | null = null;

  constructor(opts: SchedulerOptions) {
    this.workerId = opts.workerId ?? `scheduler-${randomUUID().slice(0, 8)}`;
    this.#opts = {
      ...opts,
      batchSize: opts.batchSize ?? 50,
      maxBatchesPerTick: opts.maxBatchesPerTick ?? 20,
      concurrency: opts.concurrency ?? 4,
      leaseMs: opts.leaseMs ?? 5 * 60_000,
      every: opts.every ?? '*/15 * * * * *',
    };
    this.#recurring = opts.recurring ?? [];
    this.#deps = {
      db: opts.db,
      kinds: jobKindRegistry(opts.kinds),
      calendar: opts.calendar,
      workerId: this.workerId,
      configAdmins: opts.configAdmins,
      logger: opts.logger,
    };
  }

  /** Records the recurring schedules, ticks once (catching up on downtime), then every 15 s. */
  async start(): Promise<void> {
    if (this.#task) return;
    await registerRecurring(this.#opts.db, this.#recurring, this.#opts.calendar, this.#opts.clock.now());
    this.#task = cron.schedule(this.#opts.every, () => this.#tickSafely(), {
      name: this.workerId,
      noOverlap: true,
    });
    this.#tickSafely();
  }

  /** Stops ticking and waits for the jobs in flight to be recorded. */
  async stop(): Promise<void> {
    const task = this.#task;
    this.#task = null;
    await task?.destroy();
    await this.#ticking;
  }

  /** One tick: due recurring schedules become jobs, then due jobs run. */
  async tick(): Promise<TickReport> {
    const { db, clock, batchSize, maxBatchesPerTick, leaseMs } = this.#opts;
    const report: TickReport = { recurring: 0, done: 0, rescheduled: 0, held: 0, retry: 0, dead: 0, lost: 0 };
    report.recurring = await fireDueRecurring(db, this.#recurring, this.#opts.calendar, clock.now());
    for (let round = 0; round < maxBatchesPerTick; round++) {
      const jobs = await claimDueJobs(db, {
        now: clock.now(),
        workerId: this.workerId,
        limit: batchSize,
        leaseMs,
      });
      await eachWithConcurrency(jobs, this.#opts.concurrency, async (job) => {
        report[await runJob(this.#deps, job, clock.now())]++;
      });
      if (jobs.length > 0) this.#opts.afterWrite?.();
      if (jobs.length < batchSize) break;
    }
    return report;
  }

  #tickSafely(): Promise<unknown> {
    if (this.#ticking) return this.#ticking;
    this.#ticking = this.tick()
      .catch((error) => this.#opts.logger.error('scheduler tick failed', error))
      .finally(() => {
        this.#ticking = null;
      });
    return this.#ticking;
  }
}

async function eachWithConcurrency<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
