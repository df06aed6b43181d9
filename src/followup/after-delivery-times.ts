import { addWorkingDays, localTime, zonedInstant } from '../calendar.ts';
import type { AfterDeliveryPolicy } from '../context.ts';

const dayMs = 24 * 60 * 60_000;

/**
 * When the owner is reminded to ask the customer how it went: the configured number of working
 * days after delivery, at the same local time (the job is low urgency, so a time outside
 * business hours waits for the next working morning).
 */
export function followUpAt(policy: AfterDeliveryPolicy, deliveredAt: Date): Date {
  const { calendar } = policy;
  const local = localTime(deliveredAt, calendar.timeZone);
  const date = addWorkingDays(calendar, local.date, policy.followUpDays);
  return zonedInstant(date, local.minutes, calendar.timeZone);
}

/** When a delivered order nobody gave feedback on is completed anyway: calendar days, not working days. */
export function autoCompleteAt(policy: AfterDeliveryPolicy, deliveredAt: Date): Date {
  return new Date(deliveredAt.getTime() + policy.autoCompleteDays * dayMs);
}

/** How far Snooze puts the follow-up off. */
export const snoozeChoices = {
  '1d': { label: '1 day', ms: dayMs },
  '3d': { label: '3 days', ms: 3 * dayMs },
  '1w': { label: '1 week', ms: 7 * dayMs },
} as const;
export type SnoozeChoice = keyof typeof snoozeChoices;
