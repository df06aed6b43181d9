import type { z } from 'zod';
import type { BusinessCalendar } from '../calendar.ts';
import type { Tx } from '../db/client.ts';

export type Urgency = 'normal' | 'low';

/** What a handler knows about the run it is doing. */
export interface JobContext {
  /** The scheduler's clock at the start of the run. */
  now: Date;
  kind: string;
  key: string;
  /** The time this run was due: with kind and key, a deterministic idempotency key for its effects. */
  runAt: Date;
  /** 1 on the first try. */
  attempt: number;
  /** The admins from the configuration, for handlers that tell them something. */
  admins: readonly string[];
  /** The business calendar (working days, hours, holidays), for handlers that repeat on working days. */
  calendar: BusinessCalendar;
}

/** A handler may ask to run again instead of being done. */
export type JobResult = undefined | { rescheduleAt: Date };

export interface JobKind<Payload = unknown> {
  kind: string;
  /** Stored with each job; a row written for another version is not guessed at, it is dead. */
  version: number;
  payload: z.ZodType<Payload>;
  /** `low`: never runs outside business hours; held back to the next working morning. */
  urgency: Urgency;
  /**
   * Runs in the job's own transaction: Slack effects go to the outbox through `tx`, so they are
   * sent only if the job's result is recorded too.
   */
  handle(ctx: JobContext, payload: Payload, tx: Tx): Promise<JobResult> | Promise<void>;
}

/**
 * A kind as declared: its version is 1 until its payload changes shape, and it runs at any hour
 * unless it says `urgency: 'low'`.
 */
export type JobKindSpec<Payload> = Omit<JobKind<Payload>, 'version' | 'urgency'> &
  Partial<Pick<JobKind<Payload>, 'version' | 'urgency'>>;

export function defineJobKind<Payload>(spec: JobKindSpec<Payload>): JobKind<Payload> {
  if (!/^[a-z][a-z0-9_.-]*$/.test(spec.kind))
    throw new Error(`job kind names are lowercase words: ${spec.kind}`);
  return { ...spec, version: spec.version ?? 1, urgency: spec.urgency ?? 'normal' };
}

/** The job kinds the scheduler runs, by name; two kinds with one name are a wiring mistake. */
export function jobKindRegistry(kinds: readonly JobKind<unknown>[]): ReadonlyMap<string, JobKind<unknown>> {
  const byName = new Map<string, JobKind<unknown>>();
  for (const k of kinds) {
    if (byName.has(k.kind)) throw new Error(`job kind ${k.kind} is defined twice`);
    byName.set(k.kind, k);
  }
  return byName;
}
