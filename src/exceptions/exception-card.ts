import {
  type Block,
  context,
  escapeMrkdwn,
  header,
  mention,
  section,
  slackDate,
  truncate,
} from '../blocks/block-kit.ts';
import { describeStatus } from '../orders/order-states.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import { describeProblemType, problemWords, type Severity, severityMarks } from './problem-kinds.ts';

export const exceptionActions = {
  acknowledge: 'exception.acknowledge',
  resolve: 'exception.resolve',
} as const;

/** What the problems card shows of one problem. */
export interface ProblemView {
  id: number;
  type: string;
  severity: Severity;
  description: string;
  expectedDate: string | null;
  departmentName: string;
  status: 'open' | 'acknowledged' | 'resolved';
  raisedBy: string;
  raisedAt: Date;
  slaDueAt: Date;
  escalations: { level: number; at: string; to: string[] }[];
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  rootCause: string | null;
  actionTaken: string | null;
  newDeliveryDate: string | null;
}

export interface ProblemsCardView {
  order: {
    id: number;
    number: string;
    customerName: string;
    status: string;
    version: number;
    deliveryDate: string;
    hold: { kind: string; reason: string | null } | null;
  };
  /** Newest first. */
  problems: ProblemView[];
}

/** The card shows this many problems; older ones are on the order's timeline. */
const shownProblems = 5;

/**
 * The order's problems card, in the exceptions channel and the owning department's: each
 * problem with its severity, owner, SLA, every escalation step and its resolution; Acknowledge
 * and Resolve while it is open. Buttons carry the problem and the order version shown.
 */
export function renderProblemsCard(view: ProblemsCardView): SlackMessage {
  const { order } = view;
  const v = `${order.id}.${order.version}`;
  const open = view.problems.filter((p) => p.status !== 'resolved').length;
  const hold = order.hold
    ? ` · :double_vertical_bar: on hold (${escapeMrkdwn(order.hold.kind)}${order.hold.reason ? `: ${escapeMrkdwn(truncate(order.hold.reason, 200))}` : ''})`
    : ` · ${describeStatus(order.status)}`;
  const blocks: Block[] = [
    header(`Problem · ${order.number} · ${order.customerName}`, `exc.head.${v}`),
    context(
      [`Delivery date ${order.deliveryDate}${hold} · ${open ? `:warning: ${open} open` : 'all resolved'}`],
      `exc.facts.${v}`,
    ),
  ];
  for (const p of view.problems.slice(0, shownProblems)) {
    blocks.push(section(problemText(p), `exc.p${p.id}.${v}`));
    const buttons = problemButtons(p, order.version);
    if (buttons.length) blocks.push({ type: 'actions', block_id: `exc.act${p.id}.${v}`, elements: buttons });
  }
  const more = view.problems.length - shownProblems;
  if (more > 0) blocks.push(context([`…and ${more} earlier on the order's timeline`], `exc.more.${v}`));
  const latest = view.problems[0];
  const about = latest ? problemWords(latest) : 'problem';
  return {
    // Not the order's number first: that is how the order's own card is told apart in a channel.
    text: `:warning: Problem · ${order.number} · ${escapeMrkdwn(order.customerName)} · ${about}${open ? '' : ' · resolved'}`,
    blocks,
  };
}

function problemText(p: ProblemView): string {
  const lines = [
    `${severityMarks[p.severity] ?? ''} *${p.severity} · ${escapeMrkdwn(describeProblemType(p.type))}* · ${escapeMrkdwn(p.departmentName)} · ${statusWords(p)}`,
    `>${escapeMrkdwn(truncate(p.description, 1200)).split('\n').join('\n>')}`,
    `Reported by ${mention(p.raisedBy)} ${slackDate(p.raisedAt)}${p.expectedDate ? ` · expected new date ${p.expectedDate}` : ''}`,
  ];
  if (p.status === 'open') lines.push(`Acknowledge by ${slackDate(p.slaDueAt)}`);
  for (const e of p.escalations) {
    const who = e.to.length ? e.to.map(mention).join(', ') : 'nobody (no manager set)';
    lines.push(
      `:rotating_light: ${e.level === 1 ? 'Escalated to the manager' : 'Escalated to all managers'}: ${who} · ${slackDate(new Date(e.at))}`,
    );
  }
  if (p.acknowledgedBy && p.acknowledgedAt)
    lines.push(`:eyes: Acknowledged by ${mention(p.acknowledgedBy)} ${slackDate(p.acknowledgedAt)}`);
  if (p.status === 'resolved' && p.resolvedBy && p.resolvedAt) {
    lines.push(
      `:white_check_mark: Resolved by ${mention(p.resolvedBy)} ${slackDate(p.resolvedAt)}: ${escapeMrkdwn(truncate(p.rootCause ?? '', 500))} — ${escapeMrkdwn(truncate(p.actionTaken ?? '', 500))}${p.newDeliveryDate ? ` · new delivery date ${p.newDeliveryDate}` : ''}`,
    );
  }
  return lines.join('\n');
}

const statusWords = (p: ProblemView) =>
  p.status === 'open' ? '*open*' : p.status === 'acknowledged' ? 'acknowledged' : 'resolved';

function problemButtons(p: ProblemView, version: number): Record<string, unknown>[] {
  const value = `${p.id}:${version}`;
  const button = (actionId: string, text: string, style?: 'primary') => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value,
    ...(style ? { style } : {}),
  });
  if (p.status === 'open')
    return [
      button(exceptionActions.acknowledge, 'Acknowledge', 'primary'),
      button(exceptionActions.resolve, 'Resolve…'),
    ];
  if (p.status === 'acknowledged') return [button(exceptionActions.resolve, 'Resolve…', 'primary')];
  return [];
}
