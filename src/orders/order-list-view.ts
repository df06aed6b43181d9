import { type Block, context, escapeMrkdwn, section } from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import type { Reply } from '../slack/subcommand.ts';
import type { OrderFilter, OrderListItem } from './order-queries.ts';
import { describeStatus, statusWords } from './order-states.ts';

export const listPageSize = 10;
export const moreOrdersAction = 'orders.list.more';

export function describeFilter(filter: OrderFilter): string {
  switch (filter.kind) {
    case 'open':
      return 'Open orders';
    case 'mine':
      return 'Your open orders';
    case 'held':
      return 'Orders on hold';
    case 'customer':
      return `Orders of customers matching “${escapeMrkdwn(filter.name)}”`;
    case 'status':
      return `Orders ${statusWords[filter.status]}`;
  }
}

/** One page of `/order list`, newest first, with a More button when there may be more. */
export function renderOrderList(filter: OrderFilter, items: readonly OrderListItem[], page: number): Reply {
  const title = `${describeFilter(filter)}${page > 1 ? ` (page ${page})` : ''}`;
  if (items.length === 0) {
    return { text: page > 1 ? `${title}: no more orders.` : `${title}: none.` };
  }
  const lines = items.map((o) => {
    const status = describeStatus(o.status);
    return `*${o.number}* · ${escapeMrkdwn(o.customerName)} · ${status} · due ${o.deliveryDate} · ${formatCents(o.totalCents)}`;
  });
  const blocks: Block[] = [section(`*${title}*`), section(lines.join('\n'))];
  const last = items.at(-1);
  if (items.length === listPageSize && last) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: moreOrdersAction,
          text: { type: 'plain_text', text: 'More' },
          value: JSON.stringify({ filter, before: last.id, page: page + 1 }),
        },
      ],
    });
  } else {
    blocks.push(context(['That is all.']));
  }
  return { text: `${title}: ${items.map((o) => o.number).join(', ')}`, blocks };
}
