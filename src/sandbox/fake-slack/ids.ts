import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';

/**
 * Ids and message timestamps. Ids come from a counter so a test run is reproducible; only values
 * Slack makes unguessable (trigger ids, response_url paths) use random bytes.
 */
export class IdFactory {
  #seq = 0;
  #lastMicros = 0;

  constructor(private readonly clock: Clock) {}

  /** `C`, `D`, `G`, `U`, `V`…: Slack ids are a type letter and uppercase base-36. */
  next(prefix: string): string {
    this.#seq += 1;
    return `${prefix}${this.#seq.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /**
   * A message `ts`: seconds.microseconds from the clock. Slack's ts is also the message's key, so
   * two posts in the same clock instant must still differ and sort in posting order.
   */
  ts(): string {
    const micros = Math.max(this.clock.now().getTime() * 1000, this.#lastMicros + 1);
    this.#lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  /** A view hash like `1583634748.7562ffd9`: changes on every write so stale updates can be detected. */
  viewHash(): string {
    this.#seq += 1;
    return `${this.seconds()}.${this.#seq.toString(16).padStart(8, '0')}`;
  }

  /** Shaped like Slack's `398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c`. */
  triggerId(): string {
    this.#seq += 1;
    return `${this.seconds()}${this.#seq}.${this.#seq * 7919}.${randomBytes(16).toString('hex')}`;
  }

  secret(): string {
    return randomBytes(12).toString('hex');
  }

  seconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
