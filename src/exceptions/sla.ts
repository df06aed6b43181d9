import { addWorkingDays, type BusinessCalendar, localTime, zonedInstant } from '../calendar.ts';
import type { ProblemSla } from '../config.ts';
import type { Severity } from './problem-kinds.ts';

/*
 * When an unacknowledged problem escalates (pure): its department's manager at the severity's
 * SLA, every manager at twice the SLA. An SLA in working days counts from the same time of day
 * that many working days on; twice it is twice as many.
 */

export function slaDueAt(
  sla: ProblemSla,
  calendar: BusinessCalendar,
  severity: Severity,
  raisedAt: Date,
  times = 1,
): Date {
  const rule = sla[severity];
  if ('minutes' in rule) return new Date(raisedAt.getTime() + rule.minutes * times * 60_000);
  const local = localTime(raisedAt, calendar.timeZone);
  const day = addWorkingDays(calendar, local.date, rule.workingDays * times);
  return zonedInstant(day, local.minutes, calendar.timeZone);
}

/** "15 min", "1 h", "1 working day": an SLA as people say it. */
export function describeSla(sla: ProblemSla, severity: Severity): string {
  const rule = sla[severity];
  if ('workingDays' in rule) return `${rule.workingDays} working day${rule.workingDays === 1 ? '' : 's'}`;
  return rule.minutes % 60 === 0 ? `${rule.minutes / 60} h` : `${rule.minutes} min`;
}

export type SlaState =
  | 'resolved'
  | 'acknowledged'
  | 'within SLA'
  | 'overdue'
  | 'escalated to manager'
  | 'escalated to all managers';

/** Where a problem stands against its SLA, for lists and cards. */
export function slaState(
  problem: { status: string; escalationLevel: number; slaDueAt: Date },
  now: Date,
): SlaState {
  if (problem.status === 'resolved') return 'resolved';
  if (problem.status === 'acknowledged') return 'acknowledged';
  if (problem.escalationLevel >= 2) return 'escalated to all managers';
  if (problem.escalationLevel === 1) return 'escalated to manager';
  return now.getTime() >= problem.slaDueAt.getTime() ? 'overdue' : 'within SLA';
}

/** "12 min", "3 h", "2 days": how long something has waited. */
export function waitedWords(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}
