import { mayUse, permit } from '../auth/permissions.ts';
import type { Actor } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import type { Reply } from '../slack/subcommand.ts';
import { customerHistory } from './customer-history.ts';
import { customerViewBlocks } from './customer-view-blocks.ts';
import { findCustomer } from './find-customer.ts';

/** `/order customer <code or name>` (and `show`): the customer's history, for those who work orders. */
export async function showCustomerView(ctx: UseCaseContext, actor: Actor, typed: string): Promise<Reply> {
  permit(actor, 'command:/order customer show');
  const customer = await findCustomer(ctx.db, typed);
  const history = await customerHistory(ctx.db, customer.id, ctx.clock.now());
  return customerViewBlocks(customer, history, {
    mayStartOrder: mayUse(actor, 'action:customer_view.new_order'),
  });
}
