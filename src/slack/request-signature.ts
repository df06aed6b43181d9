import { createHmac, timingSafeEqual } from 'node:crypto';
import { WholeNumberSet } from './whole-number-set.ts';

/** Slack's replay window for the past (api.slack.com/authentication/verifying-requests-from-slack). */
export const MAX_AGE_SECONDS = 5 * 60;
/** A clock a little ahead of ours is normal; a request from further in the future is forged. */
export const MAX_FUTURE_SECONDS = 60;

export interface SignedRequest {
  rawBody: Buffer;
  signature: string | string[] | undefined;
  timestamp: string | string[] | undefined;
}

/**
 * Whether Slack signed this request, and recently: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{raw
 * body}`, compared in constant time. Returns the reason it is refused, or null. Bolt's own check
 * is one-sided (it accepts any timestamp in the future), so orderdesk checks both sides itself.
 */
export function signatureProblem(secret: string, request: SignedRequest, nowSeconds: number): string | null {
  const { signature, timestamp } = request;
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'missing signature headers';
  if (!/^\d{1,12}$/.test(timestamp)) return 'a malformed timestamp';
  const age = nowSeconds - Number(timestamp);
  if (age > MAX_AGE_SECONDS) return 'a stale timestamp';
  if (age < -MAX_FUTURE_SECONDS) return 'a timestamp in the future';
  if (!/^v0=[0-9a-f]{64}$/.test(signature)) return 'a malformed signature';
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(request.rawBody).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  return timingSafeEqual(expected, given) ? null : 'a signature that does not match';
}

/** Beyond this many signatures in the window, new ones are let through unremembered (see below). */
export const MAX_REMEMBERED_SIGNATURES = 1_000_000;

/**
 * Signatures seen in the replay window, so a captured command or interaction cannot be sent
 * again while its timestamp is still fresh. Slack documents retries only for events, and signs
 * each delivery with the time it is sent; events are deduplicated by event_id instead, since
 * Slack's first retry may come within the same second as the original. Kept in memory: each
 * instance remembers only what it saw, so a replay to another instance behind the load balancer
 * gets through once per instance; acceptable, since the replayed request must still carry a
 * valid signature from the last five minutes and events are deduplicated in the database by
 * event_id.
 *
 * Every request passes here, so it must cost O(1) and bounded memory. A signature can only be
 * replayed while its own timestamp is accepted, so signatures are kept in one set per signed
 * second, dropped whole once that second is too old to be accepted; a request is looked up only
 * in its own second's set. Each is kept as a number from its first 52 bits, in a typed array
 * outside the collected heap (whole-number-set.ts), not as a 67-character string: two different
 * signatures of one second share it with a chance of 1 in 10^15 per pair. Only correctly signed
 * requests reach here, so only Slack can fill it; at the cap (far beyond any workspace's
 * traffic) a request is served rather than refused, with a warning: refusing Slack's own
 * deliveries would be the worse failure.
 */
export class SeenSignatures {
  readonly #bySecond = new Map<number, WholeNumberSet>();
  readonly #cap: number;
  #size = 0;
  #sweptAt = Number.NEGATIVE_INFINITY;

  constructor(cap = MAX_REMEMBERED_SIGNATURES) {
    this.#cap = cap;
  }

  /**
   * Records a signature (`v0=` and 64 hex digits, as signatureProblem accepted it) made for
   * `signedSecond`; false when it was already seen. `atCapacity` is called when it could not be
   * remembered.
   */
  firstTime(signature: string, signedSecond: number, nowSeconds: number, atCapacity?: () => void): boolean {
    if (nowSeconds !== this.#sweptAt) this.#sweep(nowSeconds);
    const key = Number.parseInt(signature.slice(3, 16), 16);
    let seen = this.#bySecond.get(signedSecond);
    if (seen?.has(key)) return false;
    if (this.#size >= this.#cap) {
      atCapacity?.();
      return true;
    }
    if (!seen) {
      seen = new WholeNumberSet();
      this.#bySecond.set(signedSecond, seen);
    }
    seen.add(key);
    this.#size++;
    return true;
  }

  get size(): number {
    return this.#size;
  }

  /** Drops the seconds no longer accepted: at most one set per second of the window, once a second. */
  #sweep(nowSeconds: number): void {
    this.#sweptAt = nowSeconds;
    for (const [second, seen] of this.#bySecond) {
      if (nowSeconds - second <= MAX_AGE_SECONDS) continue;
      this.#size -= seen.size;
      this.#bySecond.delete(second);
    }
  }
}
