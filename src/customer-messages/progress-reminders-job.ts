import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { calendarDate } from '../calendar.ts';
import type { Config } from '../config.ts';
import type { DbOrTx } from '../db/client.ts';
import { customerMessages, orderEvents, orders } from '../db/schema.ts';
import { defineJobKind } from '../scheduler/job-kind.ts';
import { defineRecurring } from '../scheduler/recurring.ts';
import { offerCustomerMessage } from './offer-customer-message.ts';
import { progressUpdateDue } from './progress-due.ts';

const payload = z.object({
  afterDays: z.int().min(1),
  everyDays: z.int().min(1),
  timeZone: z.string().min(1),
});

/**
 * `customer.progress_reminders`: every working morning, the owner of each order that has been in
 * production long enough, and has not been reminded lately, is offered a progress message for
 * the customer. An order that left production is no longer found, so its reminders stop.
 */
export const progressRemindersJob = defineJobKind({
  kind: 'customer.progress_reminders',
  payload,
  urgency: 'low',
  async handle(ctx, policy, tx) {
    const today = calendarDate(ctx.now, policy.timeZone);
    for (const order of await ordersInProduction(tx)) {
      const due = progressUpdateDue(
        policy,
        {
          inProductionSince: calendarDate(order.since, policy.timeZone),
          lastOfferedOn: order.lastOffered ? calendarDate(order.lastOffered, policy.timeZone) : null,
        },
        today,
      );
      if (due)
        await offerCustomerMessage(tx, ctx.now, {
          orderId: order.id,
          reason: 'progress',
          key: `progress:${order.id}:${today}`,
        });
    }
  },
});

/** Each order in production, since when (its latest move there), and its last progress offer. */
async function ordersInProduction(tx: DbOrTx) {
  const inProduction = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.status, 'in_production'));
  const ids = inProduction.map((o) => o.id);
  if (ids.length === 0) return [];
  const moves = await tx
    .select({ orderId: orderEvents.orderId, at: orderEvents.at, data: orderEvents.data })
    .from(orderEvents)
    .where(and(inArray(orderEvents.orderId, ids), eq(orderEvents.type, 'status_changed')));
  const offers = await tx
    .select({ orderId: customerMessages.orderId, at: customerMessages.offeredAt })
    .from(customerMessages)
    .where(and(inArray(customerMessages.orderId, ids), eq(customerMessages.reason, 'progress')));
  const latest = (rows: readonly { orderId: number; at: Date }[], id: number) =>
    rows.reduce<Date | null>((last, r) => (r.orderId === id && (!last || r.at > last) ? r.at : last), null);
  const intoProduction = moves.filter((m) => enteredProduction.safeParse(m.data).success);
  return ids.map((id) => ({
    id,
    since: latest(intoProduction, id) ?? new Date(0),
    lastOffered: latest(offers, id),
  }));
}

const enteredProduction = z.object({ after: z.literal('in_production') });

/** The daily run, with the configured periods. */
export const progressReminders = (config: Config) =>
  defineRecurring({
    name: 'customer-progress-reminders',
    kind: progressRemindersJob,
    rule: 'workdays 09:00',
    payload: {
      afterDays: config.ORDERDESK_PROGRESS_UPDATE_AFTER_DAYS,
      everyDays: config.ORDERDESK_PROGRESS_UPDATE_EVERY_DAYS,
      timeZone: config.ORDERDESK_TIMEZONE,
    },
  });
