import { type Actor, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../orders/order-context.ts';
import { type CustomerRow, getCustomer } from './customer-store.ts';

/** Credit terms are for the people who work orders, not for every viewer of the workspace. */
export async function lookUpCustomer(ctx: UseCaseContext, actor: Actor, code: string): Promise<CustomerRow> {
  requireRole(actor, ['manager', 'member'], 'look up customers');
  return getCustomer(ctx.db, code);
}
