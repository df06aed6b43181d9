import { eq } from 'drizzle-orm';
import { context, escapeMrkdwn, header, mention, section, truncate } from '../blocks/block-kit.ts';
import type { DbOrTx } from '../db/client.ts';
import { customers, departments, orders } from '../db/schema.ts';
import { formatCents } from '../money.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import type { ChangeImpact } from './change-impact.ts';
import { approvalsOf, latestSentChange } from './change-store.ts';

export const changeActions = { approve: 'change.approve', reject: 'change.reject' } as const;

/** What Approve and Reject carry: the request and the department whose card it is, `"7:3"`. */
export const decisionValue = (changeId: number, departmentId: number) => `${changeId}:${departmentId}`;

export interface ChangeCardView {
  change: {
    id: number;
    kind: 'change' | 'cancel';
    state: 'draft' | 'pending' | 'applied' | 'rejected';
    reason: string;
    requestedBy: string;
    outcome: string | null;
    revision: number | null;
  };
  orderNumber: string;
  customerName: string;
  impact: ChangeImpact | null;
  approvals: {
    departmentId: number;
    name: string;
    decision: string | null;
    decidedBy: string | null;
    reason: string | null;
  }[];
  /** The department whose channel the card is in: its buttons. */
  departmentId: number | null;
}

export const describeDecision = (decision: string | null) =>
  decision === 'approved' ? 'approved' : decision === 'rejected' ? 'rejected' : 'has not decided';

/**
 * The card a department decides a change or cancellation on: what changes (the diff, the value,
 * the credit re-check, each department's capacity), who has decided, and Approve / Reject while
 * it is this department's turn. Drawn at send time, so it shows the request as it is now.
 */
export function renderChangeCard(view: ChangeCardView): SlackMessage {
  const { change, impact } = view;
  const cancel = change.kind === 'cancel';
  const title = `${cancel ? 'Cancellation' : 'Change'} request · ${view.orderNumber} · ${view.customerName}`;
  const v = `${change.id}.${change.state}.${view.approvals.filter((a) => a.decision).length}`;
  const lines = [`${mention(change.requestedBy)}: _${escapeMrkdwn(truncate(change.reason, 500))}_`];
  if (impact && !cancel) {
    lines.push(
      ...impact.diff.map(
        (d) => `• ${escapeMrkdwn(d.field)}: ${escapeMrkdwn(d.before)} → *${escapeMrkdwn(d.after)}*`,
      ),
      `*Value* ${formatCents(impact.beforeCents)} → ${formatCents(impact.afterCents)} (${signed(impact.differenceCents)})`,
      impact.credit.verdict === 'ok'
        ? '*Credit* within the limit'
        : `*Credit* :warning: ${escapeMrkdwn(impact.credit.message)}`,
      ...impact.departments
        .filter((d) => d.fitsOn)
        .map((d) => `*Capacity* :warning: ${escapeMrkdwn(d.name)} can fit it by ${d.fitsOn}`),
    );
  }
  const decisions = view.approvals.map((a) => {
    const mark =
      a.decision === 'approved'
        ? ':white_check_mark:'
        : a.decision === 'rejected'
          ? ':x:'
          : ':hourglass_flowing_sand:';
    const who = a.decidedBy ? ` ${mention(a.decidedBy)}` : '';
    const why = a.reason ? `: ${escapeMrkdwn(a.reason)}` : '';
    return `${mark} ${escapeMrkdwn(a.name)}${who}${why}`;
  });
  const mine = view.approvals.find((a) => a.departmentId === view.departmentId && !a.decision);
  const buttons =
    change.state === 'pending' && mine
      ? [
          {
            type: 'actions',
            block_id: `change.act.${v}`,
            elements: [
              button(
                changeActions.approve,
                'Approve',
                decisionValue(change.id, mine.departmentId),
                'primary',
              ),
              button(changeActions.reject, 'Reject…', decisionValue(change.id, mine.departmentId), 'danger'),
            ],
          },
        ]
      : [];
  return {
    text: `${title}: ${stateWords(view)}`,
    blocks: [
      header(title, `change.head.${v}`),
      section(truncate(lines.join('\n'), 3000), `change.body.${v}`),
      section(`*Approvals*\n${decisions.join('\n')}`, `change.approvals.${v}`),
      ...buttons,
      context([stateWords(view)], `change.state.${v}`),
    ],
  };
}

function stateWords(view: ChangeCardView): string {
  const { change } = view;
  switch (change.state) {
    case 'applied':
      return change.kind === 'cancel'
        ? 'Approved: the order is cancelled.'
        : `Applied as revision ${change.revision}.`;
    case 'rejected':
      return `Rejected${change.outcome ? `: ${escapeMrkdwn(change.outcome)}` : ''}.`;
    default:
      return 'Waiting for approval.';
  }
}

const signed = (cents: number) => `${cents >= 0 ? '+' : ''}${formatCents(cents)}`;

function button(actionId: string, text: string, value: string, style: 'primary' | 'danger') {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text }, value, style };
}

/** The order's change card for one channel, as the request is now; null when there is none. */
export async function renderCurrentChangeCard(
  db: DbOrTx,
  orderId: number,
  channel: string,
): Promise<SlackMessage | null> {
  const change = await latestSentChange(db, orderId);
  const [order] = await db
    .select({ number: orders.number, customerName: customers.name })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(orders.id, orderId));
  if (!change || !order) return null;
  const approvals = await approvalsOf(db, change.id);
  const [here] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.channelId, channel));
  return renderChangeCard({
    change,
    orderNumber: order.number,
    customerName: order.customerName,
    impact: change.kind === 'change' ? (change.impact as ChangeImpact) : null,
    approvals: approvals.map(({ approval, department }) => ({
      departmentId: department.id,
      name: department.name,
      decision: approval.decision,
      decidedBy: approval.decidedBy,
      reason: approval.reason,
    })),
    departmentId: here?.id ?? null,
  });
}
