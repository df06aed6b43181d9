import {
  type Block,
  context,
  divider,
  escapeMrkdwn,
  fields,
  header,
  mention,
  mrkdwn,
  plain,
  section,
  slackDate,
} from '../blocks/block-kit.ts';
import { customerTier } from '../customers/customer-tiers.ts';
import { paymentMethod } from '../customers/payment-methods.ts';
import { formatCents } from '../money.ts';
import { describeStatus } from '../orders/order-states.ts';
import type { CustomerHistory, OpenOrder } from './customer-history.ts';
import { customerViewIds } from './customer-view-ids.ts';
import type { CustomerRow } from './find-customer.ts';

const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

/** The credit figure the intake checks against: used, limit, what is left, and the parts. */
export function creditLine(credit: CustomerHistory['credit']): string {
  const used = `${formatCents(credit.exposureCents)} of ${formatCents(credit.creditLimitCents)}`;
  const left =
    credit.availableCents >= 0
      ? `${formatCents(credit.availableCents)} available`
      : `*over by ${formatCents(-credit.availableCents)}*`;
  return `${used} · ${left}\n_open orders ${formatCents(credit.openOrdersCents)} + receivables ${formatCents(credit.outstandingCents)}_${credit.creditStop ? '\n:no_entry: credit stop' : ''}`;
}

/** The Open button on each open order: its action id and the value it carries. */
export type OpenButton = (order: OpenOrder) => { action_id: string; value: string };

/** In a message, Open answers with the order's card and timeline (by response_url). */
const openInMessage: OpenButton = (o) => ({ action_id: customerViewIds.openOrder, value: String(o.id) });

/** `/order customer <name>`: the customer's whole history, with its open orders to open. */
export function customerViewBlocks(
  c: CustomerRow,
  h: CustomerHistory,
  opts: { mayStartOrder: boolean; open?: OpenButton },
): { text: string; blocks: Block[] } {
  const open = opts.open ?? openInMessage;
  const onTime = h.delivered
    ? `${percent(h.deliveredOnTime, h.delivered)} (${h.deliveredOnTime} of ${h.delivered} delivered)`
    : 'nothing delivered yet';
  const satisfaction =
    h.averageRating === null
      ? 'no feedback yet'
      : `★${h.averageRating.toFixed(1)} over ${h.ratings} ${h.ratings === 1 ? 'rating' : 'ratings'}`;
  const orders = h.openOrders.map(
    (o): Block => ({
      type: 'section',
      text: mrkdwn(
        `*${o.number}* · ${describeStatus(o.status)} · due ${o.deliveryDate} · ${formatCents(o.totalCents)}`,
      ),
      accessory: { type: 'button', text: plain('Open'), ...open(o) },
    }),
  );
  const more = h.openOrderCount - h.openOrders.length;
  return {
    text: `${c.code} — ${c.name}`,
    blocks: [
      header(`${c.code} — ${c.name}`),
      fields([
        `*Credit used*\n${creditLine(h.credit)}`,
        `*Open orders*\n${h.openOrderCount}`,
        `*Value, last 12 months*\n${formatCents(h.valueLast12MonthsCents)}`,
        `*Value, lifetime*\n${formatCents(h.lifetimeValueCents)}`,
        `*On time*\n${onTime}`,
        `*Satisfaction*\n${satisfaction}`,
        `*Exceptions*\n${h.exceptions}`,
        `*Changes*\n${h.changes}`,
        `*Last contact*\n${h.lastContactAt ? slackDate(h.lastContactAt) : 'none on record'}`,
        `*Next follow-up*\n${h.nextFollowUpAt ? slackDate(h.nextFollowUpAt) : 'none scheduled'}`,
      ]),
      context([
        `${escapeMrkdwn(customerTier.labelOf(c.tier))} · ${escapeMrkdwn(c.paymentMethods.map(paymentMethod.labelOf).join(', ') || 'no payment terms')}`,
        `Account owner ${c.accountOwnerId ? mention(c.accountOwnerId) : 'nobody yet'} · Slack Connect ${c.connectChannelId ? `<#${c.connectChannelId}>` : 'none'}`,
      ]),
      divider(),
      ...(orders.length ? orders : [section('_No open orders._')]),
      ...(more > 0 ? [context([`…and ${more} more: \`/order list customer ${escapeMrkdwn(c.code)}\``])] : []),
      ...(opts.mayStartOrder
        ? [
            {
              type: 'actions',
              block_id: 'customer_view.actions',
              elements: [
                {
                  type: 'button',
                  text: plain(`New order for ${c.code}`),
                  action_id: customerViewIds.newOrder,
                  value: c.code,
                  style: 'primary',
                },
              ],
            },
          ]
        : []),
    ],
  };
}
