import * as kit from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import type { OrderSnapshot } from './order-snapshot.ts';
import { describeStatus } from './order-states.ts';

/** Lines shown on a card before "and N more": keeps a 20-line order inside Slack's text budget. */
const maxCardLines = 12;

const statusEmoji: Record<string, string> = {
  received: ':inbox_tray:',
  confirmed: ':white_check_mark:',
  allocated: ':busts_in_silhouette:',
  in_production: ':factory:',
  ready: ':package:',
  shipped: ':truck:',
  delivered: ':house:',
  completed: ':checkered_flag:',
  on_hold: ':double_vertical_bar:',
  cancelled: ':x:',
};

/** A hold's kind as the cards name it, before its reason. */
export const holdKindWords: Record<string, string> = {
  credit: 'credit',
  exception: 'exception',
  customer: 'customer request',
  manual: 'manual',
};

/**
 * The order card: what matters about the order now. Block ids carry the version, as Slack asks
 * for new block ids when a message is updated.
 */
export function renderOrderCard(
  order: OrderSnapshot,
  extras: {
    route?: string;
    shipping?: string;
    buttons?: Record<string, unknown>[];
    prices?: boolean;
    /** A pending change, a cancellation's reason, the revision (order-change-notice.ts). */
    notice?: string | null;
  } = {},
): SlackMessage {
  const prices = extras.prices ?? true;
  const status = describeStatus(order.status);
  const emoji = statusEmoji[order.status] ?? ':grey_question:';
  const v = `${order.id}.${order.version}`;
  const customer = `${kit.escapeMrkdwn(order.customer.name)} (${kit.escapeMrkdwn(order.customer.code)})`;
  const shown = order.lines
    .slice(0, maxCardLines)
    .map(
      (l) =>
        `• ${l.quantity} ${kit.escapeMrkdwn(l.unit)} × *${kit.escapeMrkdwn(l.sku)}* ${kit.escapeMrkdwn(l.name)}` +
        `${l.spec ? ` — _${kit.escapeMrkdwn(l.spec)}_` : ''}` +
        (prices ? ` @ ${formatCents(l.unitPriceCents)} = ${formatCents(l.amountCents)}` : ''),
    );
  const more = order.lines.length - shown.length;
  const held = order.hold
    ? `\n${kit.escapeMrkdwn(holdKindWords[order.hold.kind] ?? order.hold.kind)}${order.hold.reason ? `: ${kit.escapeMrkdwn(order.hold.reason)}` : ''}`
    : '';
  const problems =
    order.openProblems > 0
      ? [
          kit.section(
            `:warning: *open problem${order.openProblems === 1 ? '' : `s (${order.openProblems})`}*`,
            `card.problem.${v}`,
          ),
        ]
      : [];
  if (more > 0) shown.push(`…and ${more} more line${more === 1 ? '' : 's'}`);
  return {
    // The fallback text is read as mrkdwn (and in notifications), so it is escaped too.
    text: `${order.number} · ${kit.escapeMrkdwn(order.customer.name)} · ${status}${prices ? ` · total ${formatCents(order.totalCents)}` : ''}`,
    blocks: [
      kit.header(`${order.number} · ${order.customer.name}`, `card.head.${v}`),
      ...problems,
      kit.fields(
        [
          `*Status*\n${emoji} ${status}${held}`,
          `*Customer*\n${customer}`,
          `*Delivery date*\n${order.deliveryDate}`,
          `*Payment*\n${kit.escapeMrkdwn(order.paymentMethod)}`,
          ...(prices ? [`*Total*\n${formatCents(order.totalCents)}`] : []),
          `*Customer PO*\n${order.customerPo ? kit.escapeMrkdwn(order.customerPo) : '—'}`,
          ...(order.feedback ? [`*Feedback*\n★${order.feedback.rating}`] : []),
        ],
        `card.facts.${v}`,
      ),
      ...(extras.notice ? [kit.section(extras.notice, `card.notice.${v}`)] : []),
      kit.divider(),
      kit.section(shown.join('\n') || '_No lines_', `card.lines.${v}`),
      ...(order.notes ? [kit.section(`*Notes*\n${kit.escapeMrkdwn(order.notes)}`, `card.notes.${v}`)] : []),
      ...(extras.route ? [kit.section(`*Route*\n${extras.route}`, `card.route.${v}`)] : []),
      ...(extras.shipping ? [kit.section(`*Shipping*\n${extras.shipping}`, `card.ship.${v}`)] : []),
      ...(extras.buttons?.length
        ? [{ type: 'actions', block_id: `card.act.${v}`, elements: extras.buttons }]
        : []),
      kit.context(
        [`Owner ${kit.mention(order.ownerId)} · updated ${kit.slackDate(order.updatedAt)}`],
        `card.meta.${v}`,
      ),
    ],
  };
}
