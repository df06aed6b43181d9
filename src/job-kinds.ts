import { escalateProblem } from './exceptions/escalate-problem-job.ts';
import { afterSalesTaskJob } from './followup/after-sales-task-job.ts';
import { autoCompleteJob } from './followup/auto-complete-job.ts';
import { followUpJob } from './followup/follow-up-job.ts';
import { reminderDm } from './reminders/reminder-dm-job.ts';
import type { JobKind } from './scheduler/job-kind.ts';
import type { RecurringSchedule } from './scheduler/recurring.ts';

/** Every kind of scheduled job this version runs; the scheduler gives up stored jobs of any other. */
export const jobKinds: JobKind<unknown>[] = [
  reminderDm,
  followUpJob,
  autoCompleteJob,
  afterSalesTaskJob,
  escalateProblem,
];

/** Work that repeats on its own, by name. */
export const recurringSchedules: RecurringSchedule<unknown>[] = [];
