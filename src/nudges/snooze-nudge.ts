import type { UseCaseContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { pendingJob, snooze } from '../scheduler/schedule-jobs.ts';
import { type NudgeSnooze, snoozeChoices } from './nudge-ids.ts';

/**
 * Puts a nudge off: its job's next run moves by the chosen time, for everyone it goes to. A
 * nudge whose condition ended (shipped, accepted) has no job left to move, and says so.
 */
export async function snoozeNudge(
  ctx: UseCaseContext,
  ref: { kind: string; key: string },
  choice: NudgeSnooze,
): Promise<Date> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const moved = await snooze(tx, ref.kind, ref.key, snoozeChoices[choice].ms, now);
    const next = moved ? (await pendingJob(tx, ref.kind, ref.key))?.runAt : undefined;
    if (!next) {
      throw new AppError('invalid_transition', 'This nudge has stopped: what it was about is settled.');
    }
    return next;
  });
}
