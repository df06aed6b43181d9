import { mayUse } from '../auth/permissions.ts';
import type { Actor } from '../auth/roles.ts';
import { type Block, context, divider, plain, section } from '../blocks/block-kit.ts';
import { customerView } from '../customer-view/customer-view.ts';
import type { DbOrTx } from '../db/client.ts';
import { isAppError } from '../errors.ts';
import { homeOpenAction } from './home-list-view.ts';

/** The Home's customer picker: an external select whose options are searched as the person types. */
export const homeCustomerSelect = 'home.customer';

/**
 * Slack's Home has no tabs of its own: admins and managers get a Customers section instead,
 * whose picker redraws the Home with the chosen customer's view, the same blocks as
 * `/order customer`. Its Open buttons open the order in a modal, as the Home's lists do.
 */
export async function homeCustomerBlocks(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  chosen: string | undefined,
): Promise<Block[]> {
  if (!mayUse(actor, 'action:home.customer')) return [];
  let view: Block[] = [];
  /** The picker shows the choice as the suggestions do: "CODE — Name". */
  let picked: { text: ReturnType<typeof plain>; value: string } | null = null;
  if (chosen) {
    try {
      const found = await customerView(db, actor, now, chosen, (o) => ({
        action_id: homeOpenAction,
        value: o.number,
      }));
      view = found.blocks ?? [];
      picked = { text: plain(found.text, 75), value: chosen };
    } catch (error) {
      // A customer deleted or renamed since it was picked: said in place of its view.
      if (!isAppError(error)) throw error;
      view = [context([error.message])];
    }
  }
  return [
    divider(),
    {
      ...section('*Customers* · orders, value, on time, credit and history of one customer'),
      accessory: {
        type: 'external_select',
        action_id: homeCustomerSelect,
        placeholder: plain('Find a customer'),
        min_query_length: 0,
        ...(picked ? { initial_option: picked } : {}),
      },
    },
    ...view,
  ];
}
