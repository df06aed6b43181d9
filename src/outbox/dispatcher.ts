import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { backoffMs, maxAttempts } from './backoff.ts';
import { type ClaimedRow, claimDue } from './claim.ts';
import { classifySendError } from './classify-error.ts';
import { EffectDelivery } from './deliver.ts';
import type { CardRenderer, HomeRenderer } from './delivery.ts';
import { effectSchema } from './effects.ts';
import { beat, heartbeatMs, registerInstance, retireInstance } from './instances.ts';
import { markDead, markRetry, markSent, markSkipped } from './outcomes.ts';

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  /** A client of its own, made with `rejectRateLimitedCalls: true` and no retries: the database owns retrying. */
  client: WebClient;
  renderCard: CardRenderer;
  renderHome: HomeRenderer;
  logger: Logger;
  workerId?: string;
  /** Channels served per round; each gets at most one message. */
  batchSize?: number;
  /**
   * How long a claimed row is ours; after that another worker may send it (we may have died).
   * Short, since the heartbeat renews it while we live; longer than one Slack call's timeout,
   * for a worker whose heartbeat cannot reach the database.
   */
  leaseMs?: number;
  pollMs?: number;
}

/** Delivers outbox rows to Slack: paced per channel, retried with backoff, never lost. */
export class OutboxDispatcher {
  readonly workerId: string;
  readonly #opts: Required<Omit<DispatcherOptions, 'workerId'>>;
  readonly #delivery: EffectDelivery;
  #running = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #heartbeat: NodeJS.Timeout | null = null;

  constructor(opts: DispatcherOptions) {
    this.workerId = opts.workerId ?? `dispatcher-${randomUUID().slice(0, 8)}`;
    this.#opts = { batchSize: 20, leaseMs: 15_000, pollMs: 200, ...opts };
    this.#delivery = new EffectDelivery({
      db: opts.db,
      client: opts.client,
      renderCard: opts.renderCard,
      renderHome: opts.renderHome,
      now: () => opts.clock.now(),
      warn: (message, context) => opts.logger.warn(message, context),
    });
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#heartbeat = setInterval(() => void this.heartbeat(), heartbeatMs);
    this.#heartbeat.unref();
    this.#loop = this.register().then(() => this.#run());
  }

  /** Stops claiming and waits for the rows in flight to be sent and recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
    this.#loop = null;
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    await retireInstance(this.#opts.db, this.workerId).catch((error: unknown) => {
      this.#opts.logger.warn('outbox instance not retired; it goes stale instead', error);
    });
  }

  /** Says this instance is alive and renews the leases it holds; the timer calls it every second. */
  async heartbeat(): Promise<void> {
    const { db, clock, leaseMs, logger } = this.#opts;
    try {
      await beat(db, this.workerId, clock.now(), leaseMs);
    } catch (error) {
      logger.warn('outbox heartbeat failed', error);
    }
  }

  /** Called after a use case commits outbox rows, so they go out without waiting for the poll. */
  wake(): void {
    this.#wake?.();
  }

  /** One round: claim what is due and deliver it. Returns how many rows were claimed. */
  async runOnce(): Promise<number> {
    const { db, clock, batchSize, leaseMs } = this.#opts;
    const rows = await claimDue(db, { now: clock.now(), workerId: this.workerId, limit: batchSize, leaseMs });
    await Promise.all(rows.map((row) => this.#send(row)));
    return rows.length;
  }

  /** Puts this instance on record, so others can tell when it dies; `start()` does it first. */
  async register(): Promise<void> {
    try {
      await registerInstance(this.#opts.db, this.workerId, this.#opts.clock.now());
    } catch (error) {
      // Unregistered, our leases simply last their full length.
      this.#opts.logger.error('outbox instance not registered', error);
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        this.#opts.logger.error('outbox round failed', error);
      }
      if (claimed === 0 && this.#running) await this.#sleep(this.#opts.pollMs);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  async #send(row: ClaimedRow): Promise<void> {
    const { db, clock, logger } = this.#opts;
    const effect = effectSchema.safeParse(row.payload);
    if (!effect.success) {
      logger.error('outbox row has a payload this version cannot read; marked dead', { id: row.id });
      await markDead(db, row.id, this.workerId, `unreadable payload: ${effect.error.message}`);
      return;
    }
    try {
      const { ts, skipped } = await this.#delivery.deliver(row, effect.data);
      if (skipped) await markSkipped(db, row, this.workerId, clock.now(), ts);
      else await markSent(db, row.id, this.workerId, clock.now(), ts);
    } catch (error) {
      const failure = classifySendError(error);
      const now = clock.now().getTime();
      if (failure.kind === 'rate_limited') {
        const at = new Date(now + failure.retryAfterMs);
        await markRetry(db, row, this.workerId, at, 'ratelimited', { countAttempt: false });
      } else if (failure.kind === 'retry' && row.attempts < maxAttempts) {
        const at = new Date(now + backoffMs(row.attempts));
        await markRetry(db, row, this.workerId, at, failure.error, { countAttempt: true });
      } else {
        logger.error('Slack refused an outbox row; marked dead', {
          id: row.id,
          channel: row.channel,
          error: failure.error,
          attempts: row.attempts,
        });
        await markDead(db, row.id, this.workerId, failure.error);
      }
    }
  }
}
