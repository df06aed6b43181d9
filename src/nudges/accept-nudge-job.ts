import { z } from 'zod';
import { adminRecipients } from '../admin-recipients.ts';
import { nextWorkingMorning } from '../calendar.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { defineJobKind } from '../scheduler/job-kind.ts';
import { acceptNudgeKey, encodeNudgeRef, nudgeKinds } from './nudge-ids.ts';
import { acceptNudge } from './nudge-message.ts';
import { loadAcceptSubject } from './nudge-store.ts';

/**
 * `nudge.accept`: a step opened and not accepted. After the allowed time its assignee is
 * nudged; after as long again the department's manager (the admins when it has none), then
 * every working morning. It stops by itself once the step is accepted, cancelled or reopened.
 */
export const acceptNudgeJob = defineJobKind({
  kind: nudgeKinds.accept,
  payload: z.object({
    assignmentId: z.int().positive(),
    openedAt: z.iso.datetime(),
    acceptWithinMs: z.int().positive(),
  }),
  urgency: 'low',
  async handle(ctx, { assignmentId, openedAt, acceptWithinMs }, tx) {
    const s = await loadAcceptSubject(tx, assignmentId);
    const opened = new Date(openedAt);
    if (s?.status !== 'open' || !s.assigneeId || s.openedAt?.getTime() !== opened.getTime()) return;
    const waited = ctx.now.getTime() - opened.getTime();
    const escalate = waited >= 2 * acceptWithinMs;
    const to = escalate ? 'manager' : 'assignee';
    const recipients = escalate
      ? s.managerId
        ? [s.managerId]
        : await adminRecipients(tx, ctx.admins)
      : [s.assigneeId];
    const ref = encodeNudgeRef(nudgeKinds.accept, acceptNudgeKey(assignmentId, opened));
    const message = acceptNudge(s, Math.floor(waited / 3_600_000), to, ref);
    await enqueue(
      tx,
      ctx.now,
      recipients.map((r) => ({
        key: `nudge:accept:${assignmentId}:${ctx.runAt.toISOString()}:${r}`,
        channel: r,
        effect: { kind: 'message', v: 1, message },
      })),
    );
    return {
      rescheduleAt: escalate
        ? nextWorkingMorning(ctx.calendar, ctx.now)
        : new Date(opened.getTime() + 2 * acceptWithinMs),
    };
  },
});
