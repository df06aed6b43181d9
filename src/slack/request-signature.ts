import { createHmac, timingSafeEqual } from 'node:crypto';

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

/**
 * Signatures seen in the replay window, so a captured command or interaction cannot be sent
 * again while its timestamp is still fresh. Slack documents retries only for events, and signs
 * each delivery with the time it is sent; events are deduplicated by event_id instead, since
 * Slack's first retry may come within the same second as the original. Kept in memory: each instance remembers only what it saw,
 * so a replay to another instance behind the load balancer gets through once per instance;
 * acceptable, since the replayed request must still carry a valid signature from the last
 * five minutes and events are deduplicated in the database by event_id.
 */
export class SeenSignatures {
  readonly #expiry = new Map<string, number>();
  #nextSweep = 0;

  /** Records the signature; false when it was already seen within the window. */
  firstTime(signature: string, nowSeconds: number): boolean {
    if (nowSeconds >= this.#nextSweep) this.#sweep(nowSeconds);
    const until = this.#expiry.get(signature);
    if (until !== undefined && until > nowSeconds) return false;
    this.#expiry.set(signature, nowSeconds + MAX_AGE_SECONDS + MAX_FUTURE_SECONDS);
    return true;
  }

  get size(): number {
    return this.#expiry.size;
  }

  #sweep(nowSeconds: number): void {
    for (const [signature, until] of this.#expiry) if (until <= nowSeconds) this.#expiry.delete(signature);
    this.#nextSweep = nowSeconds + 30;
  }
}
