import { escapeMrkdwn, mention, section, slackDate, truncate } from '../blocks/block-kit.ts';
import type { Reply } from '../slack/subcommand.ts';
import type { FieldChange } from './change-diff.ts';
import type { ChangeRow } from './change-store.ts';

/**
 * `/order history`: revision 1 as entered, then each request sent since: the revisions it made
 * with their field-by-field diff, and the ones rejected or still open.
 */
export function renderHistory(
  order: { number: string; createdAt: Date; ownerId: string },
  changes: readonly ChangeRow[],
): Reply {
  const entries = [`*Revision 1* · ${slackDate(order.createdAt)} · entered by ${mention(order.ownerId)}`];
  for (const c of changes) {
    const who = `${mention(c.requestedBy)}: _${escapeMrkdwn(truncate(c.reason, 300))}_`;
    if (c.kind === 'cancel') {
      entries.push(`*Cancellation* ${stateWords(c)} · ${slackDate(c.decidedAt ?? c.createdAt)} · ${who}`);
      continue;
    }
    const diff = ((c.impact as { diff?: FieldChange[] }).diff ?? [])
      .map((d) => `    • ${escapeMrkdwn(d.field)}: ${escapeMrkdwn(d.before)} → ${escapeMrkdwn(d.after)}`)
      .join('\n');
    const head = c.state === 'applied' ? `*Revision ${c.revision}*` : `*Change* ${stateWords(c)}`;
    entries.push(`${head} · ${slackDate(c.decidedAt ?? c.createdAt)} · ${who}\n${diff}`);
  }
  return {
    text: `${order.number}: ${entries.length} entries in its history`,
    blocks: [section(truncate(`*${order.number} · history*\n${entries.slice(-20).join('\n')}`, 3000))],
  };
}

function stateWords(c: ChangeRow): string {
  if (c.state === 'pending') return '(waiting for approval)';
  if (c.state === 'rejected') return `(rejected${c.outcome ? `: ${escapeMrkdwn(c.outcome)}` : ''})`;
  return c.kind === 'cancel' ? '(done)' : '(applied)';
}
