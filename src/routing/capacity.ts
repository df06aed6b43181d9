import { addDays } from '../calendar.ts';
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
  const byDate = new Map<string, number>();
  for (const l of q.load) byDate.set(l.dueOn, (byDate.get(l.dueOn) ?? 0) + l.amount);
  const dates = [...byDate.keys()].sort();
  let due = q.amount;
  for (const d of dates) if (d <= q.dueOn) due += byDate.get(d) ?? 0;
  const later = dates.filter((d) => d > q.dueOn);
  const fitsBy = (load: number) => addDays(q.today, Math.max(0, Math.ceil(load / q.dailyCapacity) - 1));
  if (fitsBy(due) <= q.dueOn && q.dueOn >= q.today) return null;
  let from = maxDate(q.dueOn, q.today);
  for (const next of later) {
    const candidate = maxDate(from, fitsBy(due));
    if (candidate < next) return candidate;
    due += byDate.get(next) ?? 0;
    from = next;
  }
  return maxDate(from, fitsBy(due));
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
