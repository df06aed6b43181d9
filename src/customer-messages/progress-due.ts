import { daysBetween } from '../calendar.ts';

export interface ProgressPolicy {
  /** Days in production before the first reminder (ORDERDESK_PROGRESS_UPDATE_AFTER_DAYS). */
  afterDays: number;
  /** Days between reminders after that (ORDERDESK_PROGRESS_UPDATE_EVERY_DAYS). */
  everyDays: number;
}

/**
 * Whether the owner of an order in production is due a reminder to update the customer today:
 * in production at least `afterDays`, and no progress message offered in the last `everyDays`.
 * Business dates, so a reminder does not slip by a day on the hour the daily run happens.
 */
export function progressUpdateDue(
  policy: ProgressPolicy,
  order: { inProductionSince: string; lastOfferedOn: string | null },
  today: string,
): boolean {
  if (daysBetween(order.inProductionSince, today) < policy.afterDays) return false;
  return order.lastOfferedOn === null || daysBetween(order.lastOfferedOn, today) >= policy.everyDays;
}
