import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { calendarDate } from '../dates.ts';
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
  version: 1,
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
  const rows = await tx
    .select({
      id: orders.id,
      since: sql<Date | string | null>`(select max(${orderEvents.at}) from ${orderEvents}
        where ${orderEvents.orderId} = ${orders.id} and ${orderEvents.type} = 'status_changed'
        and ${orderEvents.data}->>'after' = 'in_production')`,
      lastOffered: sql<
        Date | string | null
      >`(select max(${customerMessages.offeredAt}) from ${customerMessages}
        where ${customerMessages.orderId} = ${orders.id} and ${customerMessages.reason} = 'progress')`,
    })
    .from(orders)
    .where(eq(orders.status, 'in_production'));
  // A sub-select's timestamp is not mapped by drizzle: the driver gives a Date or text.
  return rows.map((r) => ({
    id: r.id,
    since: new Date(r.since ?? 0),
    lastOffered: r.lastOffered ? new Date(r.lastOffered) : null,
  }));
}

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
