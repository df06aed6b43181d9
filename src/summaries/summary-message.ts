import { escapeMrkdwn, section, truncate } from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import { forecastChangesText, trendsText } from './insights-message.ts';
import {
  listLimit,
  movedStates,
  type OrderItem,
  type PeriodFigures,
  type SummaryFigures,
} from './summary-figures.ts';
import type { SummaryPeriod } from './summary-times.ts';
import type { WeeklyInsights } from './weekly-insights.ts';

const titles = { daily: 'Daily summary', weekly: 'Weekly summary' } as const;
const movedWords = {
  confirmed: 'Confirmed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  completed: 'Completed',
};

/** "+3", "−2" or "±0" against the same stretch a week earlier. */
function change(now: number, before: number): string {
  const d = now - before;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '±0';
}

const stars = (p: PeriodFigures) => (p.averageRating === null ? '—' : `★${p.averageRating.toFixed(1)}`);

function when(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** Slack refuses a section over 3,000 characters: a long list is cut, its count says the rest. */
const sectionOf = (text: string) => section(truncate(text, 3000));

/**
 * The one message of headline figures (a weekly one with its trends and the forecast's largest
 * changes, each in a section of its own); the lists follow in its thread.
 */
export function summaryHeadline(
  period: SummaryPeriod,
  f: SummaryFigures,
  timeZone: string,
  insights: WeeklyInsights | null = null,
): SlackMessage {
  const p = f.period;
  const w = f.weekBefore;
  const exceptionsBySeverity = new Map<string, number>();
  for (const e of f.exceptions)
    exceptionsBySeverity.set(e.severity, (exceptionsBySeverity.get(e.severity) ?? 0) + 1);
  const lines = [
    `:bar_chart: *${titles[period.cadence]}* · ${when(period.from, timeZone)} → ${when(period.to, timeZone)}`,
    `*New orders* ${p.newOrders} (${change(p.newOrders, w.newOrders)} on a week before) · *value* ${formatCents(p.newValueCents)} (${formatCents(w.newValueCents)} a week before)`,
    movedStates
      .map((s) => `*${movedWords[s]}* ${p.moved[s]} (${change(p.moved[s], w.moved[s])})`)
      .join(' · '),
    `*Overdue* ${f.overdue.count} · *Holds awaiting decision* ${f.holds.count} · *Open exceptions* ${f.exceptions.length}` +
      (exceptionsBySeverity.size
        ? ` (${[...exceptionsBySeverity].map(([s, n]) => `${escapeMrkdwn(s)} ${n}`).join(', ')})`
        : ''),
    `*Capacity risks, next 10 working days* ${
      f.capacityRisks.length
        ? f.capacityRisks.map((r) => `${escapeMrkdwn(r.department)} ${r.steps}`).join(' · ')
        : 'none'
    }`,
    `*Satisfaction* ${stars(p)} from ${p.ratings} ${p.ratings === 1 ? 'rating' : 'ratings'} (${stars(w)} a week before)`,
  ];
  const sections = [lines.join('\n')];
  if (insights) sections.push(trendsText(insights), forecastChangesText(insights));
  return { text: sections.join('\n\n'), blocks: sections.map(sectionOf) };
}

function itemLine(item: OrderItem, note: string, links: ReadonlyMap<number, string>): string {
  const link = links.get(item.orderId);
  const number = link ? `<${link}|${item.number}>` : `*${item.number}*`;
  const customer = item.customer ? ` · ${escapeMrkdwn(truncate(item.customer, 40))}` : '';
  return `• ${number}${customer} · ${note}`;
}

function listMessage(title: string, count: number, lines: string[]): SlackMessage {
  const more = count > lines.length ? `\n…and ${count - lines.length} more` : '';
  const text = `*${title}* (${count})\n${lines.join('\n')}${more}`;
  return { text, blocks: [sectionOf(text)] };
}

/** The thread under the headline: one reply per list that has anything in it, each order linked. */
export function summaryDetails(
  f: SummaryFigures,
  links: ReadonlyMap<number, string>,
  timeZone: string,
): SlackMessage[] {
  const replies: SlackMessage[] = [];
  const lists: [string, { count: number; items: OrderItem[] }, (i: OrderItem) => string][] = [
    ['New orders', f.newOrders, (i) => formatCents(Number(i.note))],
    ['Overdue', f.overdue, (i) => `due ${i.note}`],
    ['Holds awaiting decision', f.holds, (i) => `since ${i.note}`],
  ];
  for (const [title, list, note] of lists)
    if (list.count)
      replies.push(
        listMessage(
          title,
          list.count,
          list.items.map((i) => itemLine(i, note(i), links)),
        ),
      );
  for (const r of f.capacityRisks)
    replies.push(
      listMessage(
        `Capacity risks in ${escapeMrkdwn(r.department)}`,
        r.steps,
        r.items.map((i) => itemLine(i, `fits by ${i.note}`, links)),
      ),
    );
  if (f.exceptions.length)
    replies.push(
      listMessage(
        'Open exceptions',
        f.exceptions.length,
        f.exceptions
          .slice(0, listLimit)
          .map((e) =>
            itemLine(
              { orderId: e.orderId, number: e.number, customer: '', note: '' },
              `${escapeMrkdwn(e.severity)}, open since ${when(e.openedAt, timeZone)}`,
              links,
            ),
          ),
      ),
    );
  return replies;
}

/** Every order the thread names, so their links are read in one query. */
export function linkedOrderIds(f: SummaryFigures): number[] {
  return [
    ...f.newOrders.items,
    ...f.overdue.items,
    ...f.holds.items,
    ...f.capacityRisks.flatMap((r) => r.items),
  ]
    .map((i) => i.orderId)
    .concat(f.exceptions.map((e) => e.orderId));
}
