/**
 * The one source of "now". Production uses the system clock; tests pass a clock they move by
 * hand, so retries, reminders and trigger expiry are tested without waiting. Database queries
 * take `now` as a parameter from here rather than calling SQL now(), for the same reason.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and benchmarks. */
export class ManualClock implements Clock {
  #ms: number;

  constructor(start: Date | string = '2026-11-27T09:00:00Z') {
    this.#ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  advance(ms: number): void {
    this.#ms += ms;
  }

  set(at: Date | string): void {
    this.#ms = new Date(at).getTime();
  }
}
