import type { DurationStats, ReportFigures } from './report-figures.ts';

/**
 * The figures behind a report as CSV rows (section, item, measure, value), for a spreadsheet:
 * durations in hours, money in whole currency units, rates as fractions.
 */
export function reportCsv(figures: ReportFigures): string {
  const rows: (string | number | null)[][] = [['section', 'item', 'measure', 'value']];
  const add = (section: string, item: string, measure: string, value: number | null) =>
    rows.push([section, item, measure, value]);
  const durations = (section: string, item: string, s: DurationStats) => {
    add(section, item, 'count', s.count);
    for (const key of ['mean', 'p50', 'p90'] as const) add(section, item, `${key}_hours`, hours(s[key]));
  };
  add('orders', 'all', 'orders', figures.orders);
  add('orders', 'all', 'cancelled', figures.cancelled);
  add('orders', 'all', 'value', figures.valueCents / 100);
  add('delivery', 'all', 'delivered', figures.delivered);
  add('delivery', 'all', 'on_time_in_full', figures.onTimeInFull);
  durations('cycle_time', 'received_to_delivered', figures.cycle);
  for (const s of figures.stages) durations('stage', s.department, s.stats);
  for (const w of figures.weeks) {
    add('week', w.week, 'orders', w.orders);
    add('week', w.week, 'value', w.valueCents / 100);
    add('week', w.week, 'delivered', w.delivered);
    add('week', w.week, 'on_time', w.onTime);
  }
  add('backlog', 'open', 'orders', figures.backlog.open);
  add('backlog', 'overdue', 'orders', figures.backlog.overdue);
  for (const a of figures.backlog.ageing) add('backlog', `age ${a.days} days`, 'orders', a.orders);
  for (const e of figures.exceptions.byType)
    add('exceptions', `${e.type} ${e.department ?? ''}`.trim(), 'orders', e.orders);
  add('change_requests', 'all', 'orders', figures.changeRequests.orders);
  add('credit', 'holds', 'orders', figures.credit.holds);
  add('credit', 'approved', 'orders', figures.credit.approved);
  add('credit', 'rejected', 'orders', figures.credit.rejected);
  durations('credit', 'time_to_decision', figures.credit.timeToDecision);
  add('satisfaction', 'all', 'ratings', figures.satisfaction.count);
  add('satisfaction', 'all', 'average', figures.satisfaction.average);
  figures.satisfaction.distribution.forEach((n, i) => {
    add('satisfaction', `${i + 1} stars`, 'ratings', n);
  });
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

const hours = (seconds: number | null) =>
  seconds === null ? null : Math.round((seconds / 3600) * 100) / 100;

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
