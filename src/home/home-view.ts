import type { Actor } from '../auth/roles.ts';
import { hasRole } from '../auth/roles.ts';
import { orderModal } from '../intake/order-modal-ids.ts';
import { describeStatus } from '../orders/order-states.ts';
import { settingsIds } from '../settings/settings-ids.ts';
import { type Block, context, divider, escapeMrkdwn, header, plain, section } from '../slack/block-kit.ts';
import type { HomeData, HomeItem } from './home-queries.ts';

const stepWords: Record<string, string> = { open: 'to accept', accepted: 'accepted', started: 'in progress' };

function line(item: HomeItem, today: string): string {
  const overdue = item.deliveryDate < today ? ' :red_circle: *overdue*' : '';
  const what = item.departmentName
    ? `${escapeMrkdwn(item.departmentName)} · ${stepWords[item.status] ?? item.status}`
    : describeStatus(item.status);
  return `*${item.number}* · ${escapeMrkdwn(item.customerName)} · ${what} · due ${item.deliveryDate}${overdue}`;
}

function list(title: string, items: readonly HomeItem[], today: string, empty: string): Block[] {
  const sorted = [...items].sort((a, b) => a.deliveryDate.localeCompare(b.deliveryDate));
  return [
    section(`*${title}*`),
    sorted.length ? section(sorted.map((i) => line(i, today)).join('\n')) : context([empty]),
  ];
}

/** The App Home for one person: their assignments, their department's unassigned queue, their orders that wait on them. */
export function buildHomeView(actor: Actor, data: HomeData, today: string): Record<string, unknown> {
  const blocks: Block[] = [header('orderdesk')];
  if (hasRole(actor, ['admin'])) {
    blocks.push({
      type: 'actions',
      block_id: 'home.quick',
      elements: [
        {
          type: 'button',
          action_id: orderModal.homeButton,
          text: plain('New order'),
          style: 'primary',
          value: 'new',
        },
        { type: 'button', action_id: settingsIds.homeButton, text: plain('Settings'), value: 'settings' },
      ],
    });
  }
  blocks.push(...list('My assignments', data.mine, today, 'Nothing assigned to you.'));
  if (actor.departmentKey) {
    blocks.push(
      divider(),
      ...list(
        `Unassigned in ${actor.departmentKey}`,
        data.unassigned,
        today,
        'Nobody is waiting for a taker.',
      ),
    );
  }
  if (hasRole(actor, ['admin', 'manager']) || data.needsMe.length) {
    blocks.push(
      divider(),
      ...list('My orders that need me', data.needsMe, today, 'None on hold or waiting.'),
    );
  }
  return { type: 'home', blocks };
}
