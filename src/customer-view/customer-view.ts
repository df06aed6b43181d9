import { mayUse, permit } from '../auth/permissions.ts';
import type { Actor } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import type { Reply } from '../slack/subcommand.ts';
import { customerHistory } from './customer-history.ts';
import { customerViewBlocks, type OpenButton } from './customer-view-blocks.ts';
import { findCustomer } from './find-customer.ts';

/** `/order customer <code or name>` (and `show`): the customer's history, for those who work orders. */
export async function showCustomerView(ctx: UseCaseContext, actor: Actor, typed: string): Promise<Reply> {
  permit(actor, 'command:/order customer show');
  return customerView(ctx.db, actor, ctx.clock.now(), typed);
}

/**
 * The customer view of the customer someone named, wherever it is shown: in a command's answer,
 * or on the App Home, whose Open buttons are its own (`open`).
 */
export async function customerView(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  typed: string,
  open?: OpenButton,
): Promise<Reply> {
  const customer = await findCustomer(db, typed);
  const history = await customerHistory(db, customer.id, now);
  return customerViewBlocks(customer, history, {
    mayStartOrder: mayUse(actor, 'action:customer_view.new_order'),
    ...(open ? { open } : {}),
  });
}
