import { z } from 'zod';
import { escapeMrkdwn } from '../blocks/block-kit.ts';
import type { Tx } from '../db/client.ts';
import { loadOrderSnapshot } from '../orders/order-snapshot.ts';
import { describeStatus } from '../orders/order-states.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import { defineJobKind } from '../scheduler/job-kind.ts';

/*
 * The order a reminder is about is an optional field, not a new payload version: every stored
 * version-1 payload still reads, and an instance of the previous release reads a new one too
 * (it drops the order and still sends the text), so a rolling deploy kills no reminder.
 */
export const reminderPayload = z.object({
  userId: z.string().regex(/^[UW][A-Z0-9]{2,}$/),
  text: z.string().min(1).max(3000),
  order: z.object({ id: z.int().positive(), number: z.string().min(1).max(40) }).optional(),
});

export type ReminderPayload = z.infer<typeof reminderPayload>;

/** `reminder.dm`: at its time, a person gets a text by DM, through the outbox. */
export const reminderDm = defineJobKind({
  kind: 'reminder.dm',
  payload: reminderPayload,
  async handle(ctx, payload, tx) {
    const about = payload.order ? `${await orderSummary(tx, payload.order)}: ` : '';
    await enqueue(tx, ctx.now, [
      textMessage(
        `reminder.dm:${ctx.key}:${ctx.runAt.toISOString()}`,
        payload.userId,
        `:alarm_clock: Reminder: ${about}${payload.text}`,
      ),
    ]);
  },
});

/** The order as it is when the reminder fires, not as it was when it was asked for. */
async function orderSummary(tx: Tx, order: { id: number; number: string }): Promise<string> {
  const snapshot = await loadOrderSnapshot(tx, order.id);
  if (!snapshot) return `*${order.number}*`;
  return `*${snapshot.number}* (${escapeMrkdwn(snapshot.customer.name)} · ${describeStatus(snapshot.status)} · due ${snapshot.deliveryDate})`;
}
