import { and, asc, eq, ne, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/roles.ts';
import { context, escapeMrkdwn, section, slackDate, truncate } from '../blocks/block-kit.ts';
import type { UseCaseContext } from '../context.ts';
import { departments, exceptions, orders } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findDepartment } from '../routing/allocation-store.ts';
import type { Reply } from '../slack/subcommand.ts';
import { problemWords, type Severity, severities, severityMarks } from './problem-kinds.ts';
import { slaState, waitedWords } from './sla.ts';

/** A list answer stays well inside Slack's 50 blocks and 3000 characters a section. */
const listed = 30;

/**
 * `/order problems [open|mine|<department>]`: problems not resolved yet, the most severe first
 * and the oldest first within a severity, each with its age and where it stands against its SLA.
 * `mine`: those of the actor's department, those they reported, and those on their orders.
 */
export async function listProblems(ctx: UseCaseContext, actor: Actor, args: string): Promise<Reply> {
  const word = args.trim().toLowerCase();
  const filters: SQL[] = [ne(exceptions.status, 'resolved')];
  let title = 'Open problems';
  if (word === 'mine') {
    title = 'Your open problems';
    const mine = or(
      eq(exceptions.raisedBy, actor.userId),
      eq(orders.ownerId, actor.userId),
      ...(actor.departmentId ? [eq(exceptions.departmentId, actor.departmentId)] : []),
    );
    if (mine) filters.push(mine);
  } else if (word && word !== 'open') {
    const department = await findDepartment(ctx.db, word);
    if (!department)
      throw new AppError(
        'not_found',
        `There is no department "${word.slice(0, 40)}". Say \`/order problems\`, \`open\`, \`mine\` or a department key.`,
      );
    title = `Open problems of ${department.name}`;
    filters.push(eq(exceptions.departmentId, department.id));
  }
  const rows = await ctx.db
    .select({ exception: exceptions, departmentName: departments.name, number: orders.number })
    .from(exceptions)
    .innerJoin(departments, eq(departments.id, exceptions.departmentId))
    .innerJoin(orders, eq(orders.id, exceptions.orderId))
    .where(and(...filters))
    .orderBy(asc(exceptions.raisedAt));
  if (!rows.length) return { text: `${title}: none.` };
  const rank = (s: Severity) => severities.indexOf(s);
  rows.sort((a, b) => rank(a.exception.severity) - rank(b.exception.severity));
  const now = ctx.clock.now();
  const lines = rows.slice(0, listed).map(({ exception: e, departmentName, number }) => {
    const state = slaState(e, now);
    const flag = state === 'within SLA' || state === 'acknowledged' ? '' : ' :rotating_light:';
    return `${severityMarks[e.severity]} *${number}* · ${problemWords(e)} · ${escapeMrkdwn(departmentName)} · ${waitedWords(e.raisedAt, now)} old · ${state}${flag}\n      _${escapeMrkdwn(truncate(e.description, 120))}_ · reported ${slackDate(e.raisedAt)}`;
  });
  const more = rows.length - lines.length;
  return {
    text: `${title}: ${rows.length}`,
    blocks: [
      section(`*${escapeMrkdwn(title)}*`),
      section(truncate(lines.join('\n'), 2900)),
      context([`${rows.length} open, most severe first${more > 0 ? ` · ${more} more not shown` : ''}`]),
    ],
  };
}
