import type { Json } from './types.ts';

/**
 * What a planned failure looks like on the wire: a 429 with Retry-After, a bare HTTP 500, or
 * Slack's usual HTTP 200 with `ok: false`.
 */
export type Fault = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

export interface FaultOptions {
  /** How many matching calls fail; default 1. */
  times?: number;
  /** Only calls whose `channel` argument is this. */
  channel?: string;
}

interface Planned {
  method: string;
  fault: Fault;
  remaining: number;
  channel: string | undefined;
}

export class FaultPlan {
  #planned: Planned[] = [];

  add(method: string, fault: Fault, options: FaultOptions = {}): void {
    this.#planned.push({ method, fault, remaining: options.times ?? 1, channel: options.channel });
  }

  /** The fault this call gets, if one is planned for it; each match uses one of its `times`. */
  take(method: string, args: Json): Fault | undefined {
    const planned = this.#planned.find(
      (p) => p.method === method && (p.channel === undefined || p.channel === args.channel),
    );
    if (!planned) return undefined;
    planned.remaining -= 1;
    if (planned.remaining <= 0) this.#planned = this.#planned.filter((p) => p !== planned);
    return planned.fault;
  }
}

/**
 * Slack's posting limit: "one message per second per channel", bursts not guaranteed. Off by
 * default so ordinary tests never see it; a test of an outbound queue turns it on.
 */
export class ChannelRateLimiter {
  enabled = false;
  readonly #lastPost = new Map<string, number>();

  isLimited(channel: string, nowMs: number): boolean {
    const last = this.#lastPost.get(channel);
    return this.enabled && last !== undefined && nowMs - last < 1000;
  }

  record(channel: string, nowMs: number): void {
    this.#lastPost.set(channel, nowMs);
  }
}
