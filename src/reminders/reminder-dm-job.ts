import { z } from 'zod';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import { defineJobKind } from '../scheduler/job-kind.ts';

/** `reminder.dm`: at its time, a person gets a text by DM, through the outbox. */
export const reminderDm = defineJobKind({
  kind: 'reminder.dm',
  version: 1,
  payload: z.object({
    userId: z.string().regex(/^[UW][A-Z0-9]{2,}$/),
    text: z.string().min(1).max(3000),
  }),
  urgency: 'normal',
  async handle(ctx, payload, tx) {
    await enqueue(tx, ctx.now, [
      textMessage(
        `reminder.dm:${ctx.key}:${ctx.runAt.toISOString()}`,
        payload.userId,
        `:alarm_clock: Reminder: ${payload.text}`,
      ),
    ]);
  },
});
