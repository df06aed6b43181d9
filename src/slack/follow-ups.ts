import { performance } from 'node:perf_hooks';
import type { Logger } from '@slack/bolt';

export interface FollowUpOptions {
  logger: Logger;
  /** Follow-ups running at once while requests keep coming. */
  concurrency?: number;
  /**
   * Follow-ups running at once once no request came for `quietMs`: the backlog a burst left is
   * worked off as fast as the database pool allows (each holds a connection or a socket).
   */
  drainConcurrency?: number;
  quietMs?: number;
  /** Beyond this many waiting, a follow-up runs at once, as if there were no queue. */
  maxWaiting?: number;
}

/**
 * Work a handler does after its ack (a query and a response_url post), run behind the acks.
 * Node serves a new request and a finished query at the same priority, so under a burst of
 * clicks each ack waited behind the queries and renders of the clicks before it (the list's More
 * at a quarter of a bare app's acks, bench/). Here at most `concurrency` follow-ups run at once
 * while requests keep coming, and the rest wait their turn: acks keep coming at about the rate
 * of acks alone, and the follow-ups catch up, more at once, when the burst ends (a response_url
 * takes posts for 30 minutes). The queue holds at most `maxWaiting` (a few hundred bytes each);
 * beyond that a follow-up runs at once, as every follow-up did before there was a queue.
 */
export class FollowUps {
  readonly #logger: Logger;
  readonly #concurrency: number;
  readonly #drainConcurrency: number;
  readonly #quietMs: number;
  readonly #maxWaiting: number;
  #lastArrival = Number.NEGATIVE_INFINITY;
  readonly #waiting: ((() => Promise<void>) | undefined)[] = [];
  /** Index of the next waiting follow-up: shifting a long array on each start would be O(n). */
  #head = 0;
  #running = 0;
  #idle: (() => void)[] = [];

  constructor(opts: FollowUpOptions) {
    this.#logger = opts.logger;
    this.#concurrency = opts.concurrency ?? 1;
    this.#drainConcurrency = Math.max(this.#concurrency, opts.drainConcurrency ?? 8);
    this.#quietMs = opts.quietMs ?? 50;
    this.#maxWaiting = opts.maxWaiting ?? 20_000;
  }

  /** Runs `work` once fewer than the limit of follow-ups are running; its failure is logged. */
  run(work: () => Promise<void>): void {
    this.#lastArrival = performance.now();
    if (this.#running < this.#concurrency || this.waiting >= this.#maxWaiting) {
      this.#start(work);
      return;
    }
    this.#waiting.push(work);
  }

  get waiting(): number {
    return this.#waiting.length - this.#head;
  }

  /** Resolves once nothing is running or waiting (at shutdown, and in tests). */
  idle(): Promise<void> {
    if (this.#running === 0 && this.waiting === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #start(work: () => Promise<void>): void {
    this.#running++;
    work()
      .catch((error: unknown) => this.#logger.error('a follow-up after an ack failed', error))
      .finally(() => {
        this.#running--;
        this.#next();
      });
  }

  #next(): void {
    const quiet = performance.now() - this.#lastArrival >= this.#quietMs;
    const limit = quiet ? this.#drainConcurrency : this.#concurrency;
    while (this.#running < limit && this.waiting > 0) {
      const work = this.#waiting[this.#head] as () => Promise<void>;
      this.#waiting[this.#head] = undefined;
      this.#head++;
      if (this.#head === this.#waiting.length) {
        this.#waiting.length = 0;
        this.#head = 0;
      } else if (this.#head >= 1024 && this.#head * 2 >= this.#waiting.length) {
        this.#waiting.splice(0, this.#head);
        this.#head = 0;
      }
      this.#start(work);
    }
    if (this.#running === 0 && this.waiting === 0) {
      for (const resolve of this.#idle.splice(0)) resolve();
    }
  }
}
