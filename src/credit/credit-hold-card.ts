import {
  type Block,
  context,
  escapeMrkdwn,
  fields,
  header,
  mention,
  section,
  slackDate,
} from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import { describeStatus } from '../orders/order-states.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import type { CreditHoldView } from './credit-hold-view.ts';

export const creditHoldActions = { approve: 'credit_hold.approve', reject: 'credit_hold.reject' } as const;

/** What a hold button carries: the order and the version the card showed. */
export const holdButtonValue = (orderId: number, version: number) => `${orderId}:${version}`;

/**
 * The card finance sees for an order held on credit: the figures, and Approve / Reject while
 * the order waits; afterwards, who decided and when.
 */
export function renderCreditHoldCard({ order, check, decision }: CreditHoldView): SlackMessage {
  const v = `${order.id}.${order.version}`;
  const customer = `${escapeMrkdwn(order.customer.name)} (${escapeMrkdwn(order.customer.code)})`;
  const why =
    check?.reason === 'credit_stop'
      ? `${customer} is on credit stop.`
      : (check?.message ?? 'The order exceeds the customer’s credit.');
  const blocks: Block[] = [
    header(`Credit hold · ${order.number}`, `hold.head.${v}`),
    section(`:double_vertical_bar: ${escapeMrkdwn(why)}`, `hold.why.${v}`),
    fields(
      [
        `*Customer*\n${customer}`,
        `*Order total*\n${formatCents(order.totalCents)}`,
        `*Delivery date*\n${order.deliveryDate}`,
        `*Entered by*\n${mention(order.ownerId)}`,
      ],
      `hold.facts.${v}`,
    ),
  ];
  if (decision) {
    const verb = decision.decision === 'approved' ? ':white_check_mark: Approved' : ':x: Rejected';
    const reason = decision.reason ? `: ${escapeMrkdwn(decision.reason)}` : '';
    blocks.push(
      context(
        [`${verb} by ${mention(decision.actor)} · ${slackDate(decision.at)}${reason}`],
        `hold.done.${v}`,
      ),
    );
  } else if (order.status === 'on_hold') {
    const value = holdButtonValue(order.id, order.version);
    blocks.push({
      type: 'actions',
      block_id: `hold.act.${v}`,
      elements: [
        {
          type: 'button',
          action_id: creditHoldActions.approve,
          text: { type: 'plain_text', text: 'Approve' },
          style: 'primary',
          value,
          confirm: {
            title: { type: 'plain_text', text: 'Approve the credit?' },
            text: {
              type: 'plain_text',
              text: `${order.number} will be confirmed and go to the departments.`,
            },
            confirm: { type: 'plain_text', text: 'Approve' },
            deny: { type: 'plain_text', text: 'Not yet' },
          },
        },
        {
          type: 'button',
          action_id: creditHoldActions.reject,
          text: { type: 'plain_text', text: 'Reject…' },
          style: 'danger',
          value,
        },
      ],
    });
  } else {
    const status = describeStatus(order.status);
    blocks.push(context([`No longer on hold: the order is ${status}.`], `hold.done.${v}`));
  }
  return { text: `Credit hold: ${order.number} · ${escapeMrkdwn(order.customer.name)}`, blocks };
}
