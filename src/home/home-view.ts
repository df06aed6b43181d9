import { type Actor, hasRole } from '../auth/roles.ts';
import { type Block, divider, header, plain } from '../blocks/block-kit.ts';
import { orderModal } from '../intake/modal/order-modal-ids.ts';
import { settingsIds } from '../settings/settings-ids.ts';
import { listBlocks } from './home-list-view.ts';
import type { HomeData } from './home-queries.ts';

/**
 * The App Home for one person: their assignments, their department's unassigned queue, their
 * orders that wait on them, a page of each (Slack allows a Home 100 blocks).
 */
export function buildHomeView(
  actor: Actor,
  data: HomeData,
  today: string,
  desk: readonly Block[] = [],
): Record<string, unknown> {
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
  if (desk.length) blocks.push(...desk, divider());
  blocks.push(...listBlocks('mine', 'My assignments', data, today, 'Nothing assigned to you.'));
  if (actor.departmentKey) {
    blocks.push(
      divider(),
      ...listBlocks(
        'unassigned',
        `Unassigned in ${actor.departmentKey}`,
        data,
        today,
        'Nobody is waiting for a taker.',
      ),
    );
  }
  if (hasRole(actor, ['admin', 'manager']) || data.needsMe.total) {
    blocks.push(
      divider(),
      ...listBlocks('needsMe', 'My orders that need me', data, today, 'None on hold, waiting or late.'),
    );
  }
  return { type: 'home', blocks };
}
