import type { Config } from './config.ts';
import { progressReminders, progressRemindersJob } from './customer-messages/progress-reminders-job.ts';
import { escalateProblem } from './exceptions/escalate-problem-job.ts';
import { afterSalesTaskJob } from './followup/after-sales-task-job.ts';
import { autoCompleteJob } from './followup/auto-complete-job.ts';
import { followUpJob } from './followup/follow-up-job.ts';
import { acceptNudgeJob } from './nudges/accept-nudge-job.ts';
import { deliveryNudgeJob } from './nudges/delivery-nudge-job.ts';
import { type NudgePolicy, nudgeSweep, nudgeSweepJob } from './nudges/nudge-sweep-job.ts';
import { reminderDm } from './reminders/reminder-dm-job.ts';
import type { JobKind } from './scheduler/job-kind.ts';
import type { RecurringSchedule } from './scheduler/recurring.ts';
import { summaryPlan, summaryPlanJob } from './summaries/plan-summaries.ts';
import { summaryJob } from './summaries/summary-job.ts';

/** Every kind of scheduled job this version runs; the scheduler gives up stored jobs of any other. */
export const jobKinds: JobKind<unknown>[] = [
  reminderDm,
  followUpJob,
  autoCompleteJob,
  afterSalesTaskJob,
  nudgeSweepJob,
  deliveryNudgeJob,
  acceptNudgeJob,
  summaryPlanJob,
  summaryJob,
  progressRemindersJob,
  escalateProblem,
];

/** Work that repeats on its own, by name; some runs take their periods from the configuration. */
export function recurringSchedules(config: Config): RecurringSchedule<unknown>[] {
  const nudges: NudgePolicy = {
    soonDays: config.ORDERDESK_NUDGE_DAYS,
    acceptWithinMs: config.ORDERDESK_ACCEPT_HOURS * 3_600_000,
  };
  return [nudgeSweep(nudges), summaryPlan, progressReminders(config)];
}
