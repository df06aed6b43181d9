import { type Block, escapeMrkdwn, plain, section, truncate } from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import type { ChangeImpact } from './change-impact.ts';

export const changeConfirmId = 'change.confirm';

/**
 * The second view of the change form: what the change does, before it is sent. `movedOn` says
 * the order changed since the last look; `refusal` replaces the Send button when it can't go.
 */
export function buildChangePreview(p: {
  draftId: number;
  orderNumber: string;
  impact: ChangeImpact;
  movedOn?: string;
}): Record<string, unknown> {
  const { impact } = p;
  const blocks: Block[] = [];
  if (p.movedOn) blocks.push(section(`:warning: ${p.movedOn}`, 'moved_on'));
  const diff = impact.diff.map(
    (d) => `• ${escapeMrkdwn(d.field)}: ${escapeMrkdwn(d.before)} → *${escapeMrkdwn(d.after)}*`,
  );
  blocks.push(section(truncate(`*${p.orderNumber}: what changes*\n${diff.join('\n') || '—'}`, 3000), 'diff'));
  const sign = impact.differenceCents >= 0 ? '+' : '';
  blocks.push(
    section(
      `*Value* ${formatCents(impact.beforeCents)} → ${formatCents(impact.afterCents)} (${sign}${formatCents(impact.differenceCents)})\n` +
        (impact.credit.verdict === 'ok'
          ? '*Credit* within the limit'
          : `*Credit* :warning: ${escapeMrkdwn(impact.credit.message)}`),
      'value',
    ),
  );
  const findings = impact.findings.map(
    (f) => `${f.severity === 'error' ? ':no_entry:' : ':warning:'} ${escapeMrkdwn(f.message)}`,
  );
  if (findings.length) blocks.push(section(truncate(`*Review*\n${findings.join('\n')}`, 3000), 'review'));
  const departments = impact.departments.map((d) => {
    const work = d.affected ? `affected: ${escapeMrkdwn(d.affected)}` : 'not affected';
    const fit = d.fitsOn ? ` · :warning: its capacity fits it by ${d.fitsOn} at the earliest` : '';
    return `• ${escapeMrkdwn(d.name)}: ${work}${fit}`;
  });
  if (departments.length) blocks.push(section(`*Departments*\n${departments.join('\n')}`, 'departments'));
  const stopped =
    impact.refusal ??
    (impact.findings.some((f) => f.severity === 'error')
      ? 'Fix the errors above first: close this and open the change form again.'
      : null);
  const who = impact.approvers.map((a) => escapeMrkdwn(a.name));
  blocks.push(
    section(
      stopped
        ? `:no_entry: ${escapeMrkdwn(stopped)}`
        : who.length
          ? `*Goes to* ${who.join(', ')} for approval; the order changes when all approve.`
          : '*No department has to agree*: it is applied when you send it.',
      'next',
    ),
  );
  return {
    type: 'modal',
    callback_id: changeConfirmId,
    title: plain('Change order', 24),
    ...(stopped ? {} : { submit: plain(who.length ? 'Send for approval' : 'Apply change', 24) }),
    close: plain(stopped ? 'Close' : 'Cancel', 24),
    private_metadata: String(p.draftId),
    blocks,
  };
}
