import type { BusinessCalendar } from './calendar.ts';
import type { Clock } from './clock.ts';
import type { ProblemSla } from './config.ts';
import type { Db } from './db/client.ts';

/** What every use case runs with: the database, the one clock, and the business's settings. */
export interface UseCaseContext {
  db: Db;
  clock: Clock;
  /** The business time zone: what "today" and an order number's year mean. */
  timeZone: string;
  /** How far a typed price may stray from the list price (percent): warn beyond, refuse below the floor. */
  pricePolicy: { priceWarnPercent: number; priceFloorPercent: number };
  /** How many days ahead a delivery date may be; further is taken for a typing mistake. */
  deliveryHorizonDays: number;
  /** Slack user ids that are admins by configuration (ORDERDESK_ADMINS), besides those on record. */
  admins?: readonly string[];
  /** Whether the admin who owns an order may decide its credit hold (ORDERDESK_SELF_APPROVAL). */
  selfApproval?: boolean;
  /** After delivery: when the owner is asked for feedback, and when silence completes the order. */
  afterDelivery?: AfterDeliveryPolicy;
  /** Reported problems: how long each severity waits before it escalates, and which hold the order. */
  problems?: ProblemPolicy;
}

export interface ProblemPolicy {
  calendar: BusinessCalendar;
  sla: ProblemSla;
  holdSeverities: readonly string[];
}

export interface AfterDeliveryPolicy {
  calendar: BusinessCalendar;
  /** Working days from delivery to the follow-up reminder (ORDERDESK_FOLLOWUP_DAYS). */
  followUpDays: number;
  /** Days from delivery after which an order without feedback is completed (ORDERDESK_AUTO_COMPLETE_DAYS). */
  autoCompleteDays: number;
}
