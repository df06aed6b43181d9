import { addDays, dayNumber } from '../calendar.ts';
/**
 * Capacity (issue: "Capacity"). A department finishes its work earliest-due-first, so an order
 * due on D competes only with the work due on or before D: it fits when that work and its own
 * fit into the department's daily capacity over the calendar days from today to D. Pure: the
 * caller brings the department's load, grouped by due date.
 */

/** Work the department still has to do, due on one date (orders or units, as the department counts). */
export interface DueLoad {
  dueOn: string;
  amount: number;
}

export interface CapacityQuestion {
  /** The business date today, YYYY-MM-DD. */
  today: string;
  /** The order's delivery date. */
  dueOn: string;
  /** The order's own demand: 1 for a department counting orders, its units otherwise. */
  amount: number;
  /** Per day; 0 or less means the department has no limit set. */
  dailyCapacity: number;
  /** The department's other open work; any order of dates. */
  load: readonly DueLoad[];
}

/**
 * Null when the order fits by its delivery date; otherwise the earliest date on which it would,
 * given the work already due before then. Work due later does not delay it, so as the date
 * moves out, only the work falling due in between is added.
 */
export function earliestFit(q: CapacityQuestion): string | null {
  if (q.dailyCapacity <= 0) return null;
  // In day numbers: a department's load spans dozens of dates, and each date string built on the
  // way cost more than the rest of the walk.
  const today = dayNumber(q.today);
  const dueOn = dayNumber(q.dueOn);
  const byDay = new Map<number, number>();
  for (const l of q.load) {
    const day = dayNumber(l.dueOn);
    byDay.set(day, (byDay.get(day) ?? 0) + l.amount);
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  let due = q.amount;
  for (const d of days) if (d <= dueOn) due += byDay.get(d) ?? 0;
  const fitsBy = (load: number) => today + Math.max(0, Math.ceil(load / q.dailyCapacity) - 1);
  if (fitsBy(due) <= dueOn && dueOn >= today) return null;
  const date = (day: number) => addDays(q.today, day - today);
  let from = Math.max(dueOn, today);
  for (const next of days) {
    if (next <= dueOn) continue;
    const candidate = Math.max(from, fitsBy(due));
    if (candidate < next) return date(candidate);
    due += byDay.get(next) ?? 0;
    from = next;
  }
  return date(Math.max(from, fitsBy(due)));
}
