import type { Json } from './types.ts';

/**
 * What a planned failure looks like on the wire: a 429 with Retry-After, a bare HTTP 500, or
 * Slack's usual HTTP 200 with `ok: false` — all before Slack did anything — or `lostResponse`:
 * Slack performed the call (the message is stored) but the connection was reset before the
 * answer arrived, so the caller cannot tell it from a call that never got through.
 */
export type Fault =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { error: string }
  | { lostResponse: true };

export interface FaultOptions {
  /** How many matching calls fail; default 1. */
  times?: number;
  /** Only calls whose `channel` argument is this. */
  channel?: string;
}

/** A share of a method's calls failing at random, for a storm; `random` makes the run repeatable. */
export interface FaultStorm {
  methods: string[];
  /** Between 0 and 1: the chance that one call fails. */
  rate: number;
  faults: Fault[];
  random: () => number;
}

interface Planned {
  method: string;
  fault: Fault;
  remaining: number;
  channel: string | undefined;
}

export class FaultPlan {
  #planned: Planned[] = [];
  #storm: FaultStorm | null = null;
  /** How many faults of each kind were given, for a storm test to report. */
  readonly given = { rateLimited: 0, serverError: 0, refused: 0, lostResponse: 0 };

  add(method: string, fault: Fault, options: FaultOptions = {}): void {
    this.#planned.push({ method, fault, remaining: options.times ?? 1, channel: options.channel });
  }

  /** Until `calm()`, each call to the storm's methods fails with the given chance. */
  storm(storm: FaultStorm): void {
    this.#storm = storm;
  }

  calm(): void {
    this.#storm = null;
  }

  /** The fault this call gets, if one is planned for it; each match uses one of its `times`. */
  take(method: string, args: Json): Fault | undefined {
    const fault = this.#plannedFault(method, args) ?? this.#stormFault(method);
    if (fault) this.#count(fault);
    return fault;
  }

  #plannedFault(method: string, args: Json): Fault | undefined {
    const planned = this.#planned.find(
      (p) => p.method === method && (p.channel === undefined || p.channel === args.channel),
    );
    if (!planned) return undefined;
    planned.remaining -= 1;
    if (planned.remaining <= 0) this.#planned = this.#planned.filter((p) => p !== planned);
    return planned.fault;
  }

  #stormFault(method: string): Fault | undefined {
    const storm = this.#storm;
    if (!storm?.methods.includes(method) || storm.random() >= storm.rate) return undefined;
    return storm.faults[Math.floor(storm.random() * storm.faults.length)];
  }

  #count(fault: Fault): void {
    if ('lostResponse' in fault) this.given.lostResponse += 1;
    else if ('error' in fault) this.given.refused += 1;
    else if (fault.status === 500) this.given.serverError += 1;
    else this.given.rateLimited += 1;
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
