import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/roles.ts';
import { addDays, calendarDate, zonedInstant } from '../calendar.ts';
import { drawCharts, fileUploads } from '../charts/chart-files.ts';
import type { UseCaseContext } from '../context.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Reply } from '../slack/subcommand.ts';
import { reportDepartment } from './report-access.ts';
import { reportCharts } from './report-charts.ts';
import { reportCsv } from './report-csv.ts';
import { type ReportFigures, reportFigures } from './report-figures.ts';
import { resolveFilter } from './report-filter-names.ts';
import { parseReportRequest } from './report-request.ts';
import type { ReportScope } from './report-scope.ts';
import { type ReportTitle, renderEmptyReport, renderReport } from './report-view.ts';

export interface PlannedReport {
  scope: ReportScope;
  title: ReportTitle;
}

/**
 * Reads the command, looks its names up and holds it to what the person may see: everything a
 * person can get wrong is refused here, before the slow part.
 */
export async function planReport(ctx: UseCaseContext, actor: Actor, args: string): Promise<PlannedReport> {
  const now = ctx.clock.now();
  const request = parseReportRequest(args, calendarDate(now, ctx.timeZone));
  const named = request.filter ? await resolveFilter(ctx.db, request.filter) : null;
  const departmentId = reportDepartment(actor, named?.kind === 'department' ? named : null);
  const scope: ReportScope = {
    from: zonedInstant(request.period.firstDay, 0, ctx.timeZone),
    to: zonedInstant(addDays(request.period.lastDay, 1), 0, ctx.timeZone),
    ...(named?.kind === 'customer' ? { customerId: named.id } : {}),
    ...(named?.kind === 'product' ? { productId: named.id } : {}),
    ...(departmentId !== undefined ? { departmentId } : {}),
  };
  const held =
    departmentId !== undefined && named?.kind !== 'department' ? `department ${actor.departmentKey}` : null;
  const filter = [named ? `${named.kind} ${named.name}` : null, held].filter(Boolean).join(' · ');
  return { scope, title: { period: request.period.label, filter: filter || null } };
}

/** The report's figures, and the summary to show the person. */
export async function computeReport(ctx: UseCaseContext, plan: PlannedReport) {
  const figures = await reportFigures(ctx.db, {
    scope: plan.scope,
    now: ctx.clock.now(),
    timeZone: ctx.timeZone,
  });
  const reply: Reply =
    figures.orders === 0
      ? renderEmptyReport(plan.title, figures)
      : renderReport(plan.title, figures, reportCharts(figures, plan.title.period).length);
  return { figures, reply };
}

/**
 * Draws the report's charts and writes them, with its CSV, to the person's DM through the outbox,
 * so they are retried and paced like every message. An empty report has nothing to share.
 */
export async function shareReportFiles(
  ctx: UseCaseContext,
  userId: string,
  plan: PlannedReport,
  figures: ReportFigures,
): Promise<void> {
  if (figures.orders === 0) return;
  const { title } = plan;
  const label = title.filter ? `${title.period}, ${title.filter}` : title.period;
  const csv = {
    filename: 'report.csv',
    title: `Report figures, ${label}`,
    bytes: Buffer.from(reportCsv(figures)),
  };
  const files = [...(await drawCharts(reportCharts(figures, label))), csv];
  const comment = `Report ${title.period}${title.filter ? ` · ${title.filter}` : ''}`;
  await enqueue(
    ctx.db,
    ctx.clock.now(),
    fileUploads(files, { run: `report:${randomUUID()}`, channel: userId, comment }),
  );
}
