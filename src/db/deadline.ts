/**
 * A point in real time work must be done by: Slack's 3-second acknowledgement, or a health
 * probe's second. Measured on the monotonic clock, not the injected business clock, which
 * tests stand still.
 */
export class Deadline {
  private constructor(private readonly at: number) {}

  static in(ms: number): Deadline {
    return new Deadline(performance.now() + ms);
  }

  remainingMs(): number {
    return this.at - performance.now();
  }

  passed(): boolean {
    return this.remainingMs() <= 0;
  }

  /** Stops work that is still going once its answer has been given up on. */
  check(): void {
    if (this.passed()) throw new DeadlineExceeded();
  }
}

export class DeadlineExceeded extends Error {
  constructor() {
    super('the database did not answer in time');
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Settles with work, or rejects with DeadlineExceeded when the deadline comes first. A hung
 * connection never answers and the server's statement_timeout cannot reach us through it, so
 * the bound has to be on this side. The work itself goes on (a promise cannot be cancelled);
 * whatever it still writes must check the deadline, and its late failure is swallowed here.
 */
export function withinDeadline<T>(deadline: Deadline, work: () => Promise<T>): Promise<T> {
  const running = work();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), Math.max(0, deadline.remainingMs()));
  });
  running.catch(() => {});
  return Promise.race([running, expired]).finally(() => clearTimeout(timer));
}
