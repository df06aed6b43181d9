import type { DbOrTx } from '../db/client.ts';
import { scheduledJobs } from '../db/schema.ts';
import type { JobKind } from './job-kind.ts';

/**
 * Schedules each job whose (kind, key) has no row yet and leaves existing ones as they are: a
 * sweep that finds the same due work again must not undo a snooze or restart a finished job.
 * Returns how many were new.
 */
export async function scheduleIfAbsent<Payload>(
  tx: DbOrTx,
  kind: JobKind<Payload>,
  jobs: readonly { key: string; runAt: Date; payload: Payload }[],
  now: Date,
): Promise<number> {
  if (jobs.length === 0) return 0;
  const rows = await tx
    .insert(scheduledJobs)
    .values(
      jobs.map((j) => ({
        kind: kind.kind,
        key: j.key,
        runAt: j.runAt,
        payload: kind.payload.parse(j.payload),
        payloadVersion: kind.version,
        urgency: kind.urgency,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: [scheduledJobs.kind, scheduledJobs.key] })
    .returning({ id: scheduledJobs.id });
  return rows.length;
}
