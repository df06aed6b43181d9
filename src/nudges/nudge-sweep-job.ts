import { z } from 'zod';
import { addDays, localTime } from '../calendar.ts';
import { defineJobKind } from '../scheduler/job-kind.ts';
import { defineRecurring } from '../scheduler/recurring.ts';
import { scheduleIfAbsent } from '../scheduler/schedule-if-absent.ts';
import { acceptNudgeJob } from './accept-nudge-job.ts';
import { deliveryNudgeJob } from './delivery-nudge-job.ts';
import { acceptNudgeKey, deliveryNudgeKey, nudgeKinds } from './nudge-ids.ts';
import { ordersWithoutNudge, stepsWithoutNudge } from './nudge-store.ts';

export interface NudgePolicy {
  /** ORDERDESK_NUDGE_DAYS: days before the delivery date. */
  soonDays: number;
  /** ORDERDESK_ACCEPT_HOURS, in milliseconds. */
  acceptWithinMs: number;
}

/**
 * `nudge.sweep`: finds what newly needs a nudge (an order entering the window before its
 * delivery date, a step waiting too long to be accepted) and gives each its own nudge job.
 * It reads only those rows, through partial indexes; the nudge jobs carry on from there.
 */
export const nudgeSweepJob = defineJobKind({
  kind: nudgeKinds.sweep,
  payload: z.object({ soonDays: z.int().min(0), acceptWithinMs: z.int().positive() }),
  async handle(ctx, policy, tx) {
    const horizon = addDays(localTime(ctx.now, ctx.calendar.timeZone).date, policy.soonDays);
    const due = await ordersWithoutNudge(tx, horizon);
    await scheduleIfAbsent(
      tx,
      deliveryNudgeJob,
      due.map((o) => ({ key: deliveryNudgeKey(o.orderId, o.deliveryDate), runAt: ctx.now, payload: o })),
      ctx.now,
    );
    const waiting = await stepsWithoutNudge(tx, new Date(ctx.now.getTime() - policy.acceptWithinMs));
    await scheduleIfAbsent(
      tx,
      acceptNudgeJob,
      waiting.map((s) => ({
        key: acceptNudgeKey(s.assignmentId, s.openedAt),
        runAt: ctx.now,
        payload: {
          assignmentId: s.assignmentId,
          openedAt: s.openedAt.toISOString(),
          acceptWithinMs: policy.acceptWithinMs,
        },
      })),
      ctx.now,
    );
  },
});

/** The sweep every 15 minutes (the scheduler's own tick), with the configured policy. */
export const nudgeSweep = (policy: NudgePolicy) =>
  defineRecurring({ name: 'nudges', kind: nudgeSweepJob, rule: 'every 15m', payload: policy });
