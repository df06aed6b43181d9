import type { Logger } from '@slack/bolt';
import { z } from 'zod';
import { type BusinessCalendar, isWithinBusinessHours, nextWorkingMorning } from '../calendar.ts';
import type { Db } from '../db/client.ts';
import { backoffMs, maxAttempts } from '../outbox/backoff.ts';
import type { ClaimedJob } from './claim-jobs.ts';
import type { JobKind } from './job-kind.ts';
import { holdBack, markDead, markDone, markRescheduled, markRetry } from './job-outcomes.ts';

export interface RunDeps {
  db: Db;
  kinds: ReadonlyMap<string, JobKind<unknown>>;
  calendar: BusinessCalendar;
  workerId: string;
  configAdmins: readonly string[];
  logger: Logger;
}

export type RunOutcome = 'done' | 'rescheduled' | 'held' | 'retry' | 'dead' | 'lost';

/** Thrown inside the job's transaction when its lease is gone, so its effects roll back. */
class LeaseLost extends Error {}

/**
 * Runs one claimed job: a job this version cannot read (unknown kind, other payload version,
 * payload that no longer parses) is dead at once, since retrying cannot fix it; a failure is
 * retried with the outbox's backoff curve, then given up.
 */
export async function runJob(deps: RunDeps, job: ClaimedJob, now: Date): Promise<RunOutcome> {
  const { db, workerId } = deps;
  const kind = deps.kinds.get(job.kind);
  if (!kind) return die(deps, job, now, `no job kind ${job.kind} is defined in this version`);
  if (job.payloadVersion !== kind.version) {
    return die(
      deps,
      job,
      now,
      `its payload is version ${job.payloadVersion}; ${kind.kind} reads ${kind.version}`,
    );
  }
  const payload = kind.payload.safeParse(job.payload);
  if (!payload.success) {
    return die(deps, job, now, `its payload no longer parses: ${z.prettifyError(payload.error)}`);
  }
  if (job.attempts > maxAttempts) {
    return die(deps, job, now, `it never finished in ${maxAttempts} tries (its instance stopped mid-run)`);
  }
  if (job.urgency === 'low' && !isWithinBusinessHours(deps.calendar, now)) {
    await holdBack(db, job, workerId, nextWorkingMorning(deps.calendar, now));
    return 'held';
  }

  const ctx = {
    now,
    kind: job.kind,
    key: job.key,
    runAt: job.runAt,
    attempt: job.attempts,
    admins: deps.configAdmins,
    calendar: deps.calendar,
  };
  try {
    return await db.transaction(async (tx) => {
      const result = await kind.handle(ctx, payload.data, tx);
      const recorded = result
        ? await markRescheduled(tx, job, workerId, result.rescheduleAt)
        : await markDone(tx, job, workerId, now);
      if (!recorded) throw new LeaseLost();
      return result ? 'rescheduled' : 'done';
    });
  } catch (error) {
    if (error instanceof LeaseLost) return 'lost';
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempts >= maxAttempts) return die(deps, job, now, message);
    deps.logger.warn('scheduled job failed; will retry', { kind: job.kind, key: job.key, error: message });
    await markRetry(db, job, workerId, new Date(now.getTime() + backoffMs(job.attempts)), message);
    return 'retry';
  }
}

async function die(deps: RunDeps, job: ClaimedJob, now: Date, reason: string): Promise<RunOutcome> {
  deps.logger.error('scheduled job given up', { kind: job.kind, key: job.key, reason });
  const dead = await markDead(deps.db, job, {
    workerId: deps.workerId,
    now,
    reason,
    configAdmins: deps.configAdmins,
  });
  return dead ? 'dead' : 'lost';
}
