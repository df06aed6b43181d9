/** Weeks as the date of their Monday, `YYYY-MM-DD` (ISO weeks, as Postgres' date_trunc('week')). */

const dayMs = 86_400_000;

/** The Monday `weeks` weeks after (or before) the Monday `week`. */
export function addWeeks(week: string, weeks: number): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + weeks * 7 * dayMs).toISOString().slice(0, 10);
}

/** The Monday of the week a calendar day falls in. */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * dayMs).toISOString().slice(0, 10);
}

/**
 * Quantities by week as one value a week from `from` up to `to` (exclusive): weeks nobody
 * ordered in are zeros, which is what they are for a forecast.
 */
export function weeklySeries(
  rows: readonly { week: string; quantity: number }[],
  from: string,
  to: string,
): number[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const length = Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - start) / (7 * dayMs)));
  const series = new Array<number>(length).fill(0);
  for (const row of rows) {
    const index = Math.round((Date.parse(`${row.week}T00:00:00Z`) - start) / (7 * dayMs));
    if (index >= 0 && index < length) series[index]! += row.quantity;
  }
  return series;
}
