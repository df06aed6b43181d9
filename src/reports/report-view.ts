import { type Block, context, escapeMrkdwn, fields, header, section } from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import type { Reply } from '../slack/subcommand.ts';
import type { DurationStats, ReportFigures } from './report-figures.ts';

/** What the report covers, in words: "2026-11", "2026-11 · customer Acme Industrial". */
export interface ReportTitle {
  period: string;
  filter: string | null;
}

const titleText = (t: ReportTitle) => `Report ${t.period}${t.filter ? ` · ${t.filter}` : ''}`;

/** An empty period is said plainly, with the backlog, which does not depend on it. */
export function renderEmptyReport(title: ReportTitle, figures: ReportFigures): Reply {
  const text = `No orders were received in ${title.period}${title.filter ? ` for ${title.filter}` : ''}, so there is nothing to chart.`;
  return {
    text,
    blocks: [
      section(`*${escapeMrkdwn(titleText(title))}*\n${escapeMrkdwn(text)}`),
      context([backlogLine(figures)]),
    ],
  };
}

export function renderReport(title: ReportTitle, figures: ReportFigures, charts: number): Reply {
  const f = figures;
  const blocks: Block[] = [
    header(titleText(title)),
    fields([
      `*Orders*\n${f.orders}${f.cancelled ? ` (${f.cancelled} cancelled)` : ''}`,
      `*Value*\n${formatCents(f.valueCents)}`,
      `*On time in full*\n${rate(f.onTimeInFull, f.delivered)} of ${f.delivered} delivered`,
      `*Cycle time* (received → delivered)\n${durations(f.cycle)}`,
    ]),
    section(
      `*Time per stage* (opened → done)\n${
        f.stages.length
          ? f.stages
              .map(
                (s) =>
                  `• ${escapeMrkdwn(s.department)}: ${durations(s.stats)}${s.department === f.bottleneck ? ' ← bottleneck' : ''}`,
              )
              .join('\n')
          : 'No step finished yet.'
      }`,
    ),
    section(`*Backlog*\n${backlogLine(f)}`),
    fields([
      `*Exceptions*\n${rate(f.exceptions.orders, f.orders)} of orders${
        f.exceptions.byType.length
          ? `\n${f.exceptions.byType.map((e) => `${e.type} in ${escapeMrkdwn(e.department ?? 'no department')}: ${e.orders}`).join('\n')}`
          : ''
      }`,
      `*Change requests*\n${rate(f.changeRequests.orders, f.orders)} of orders`,
      `*Credit holds*\n${f.credit.holds}: ${f.credit.approved} approved, ${f.credit.rejected} rejected, ${f.credit.undecided} waiting\ndecided in ${durations(f.credit.timeToDecision)}`,
      `*Satisfaction*\n${
        f.satisfaction.count
          ? `${f.satisfaction.average?.toFixed(2)} ★ from ${f.satisfaction.count} (${f.satisfaction.distribution.map((n, i) => `${i + 1}★ ${n}`).join(', ')})`
          : 'no feedback yet'
      }`,
    ]),
    context([
      charts
        ? `${charts} chart${charts > 1 ? 's' : ''} and the figures as CSV follow in your DM with me.`
        : 'The figures as CSV follow in your DM with me.',
    ]),
  ];
  const text = `${titleText(title)}: ${f.orders} orders, ${formatCents(f.valueCents)}, on time in full ${rate(f.onTimeInFull, f.delivered)}`;
  return { text, blocks };
}

function backlogLine(f: ReportFigures): string {
  const ages = f.backlog.ageing.map((a) => `${a.days} d: ${a.orders}`).join(' · ');
  return `${f.backlog.open} open now, ${f.backlog.overdue} overdue · by age ${ages}`;
}

const rate = (part: number, whole: number) => (whole ? `${Math.round((1000 * part) / whole) / 10} %` : '—');

/** mean / p50 / p90 in days or hours, whichever reads better. */
export function durations(s: DurationStats): string {
  if (!s.count || s.mean === null) return '—';
  return `mean ${span(s.mean)}, median ${span(s.p50 ?? 0)}, p90 ${span(s.p90 ?? 0)}`;
}

function span(seconds: number): string {
  const hours = seconds / 3600;
  return hours >= 48 ? `${Math.round((hours / 24) * 10) / 10} d` : `${Math.round(hours * 10) / 10} h`;
}
