import { type Actor, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../orders/order-context.ts';
import { getProduct, type ProductRow } from './product-store.ts';

/** Anyone who works orders may read a product's terms; viewers may not. */
export async function lookUpProduct(ctx: UseCaseContext, actor: Actor, sku: string): Promise<ProductRow> {
  requireRole(actor, ['manager', 'member'], 'look up products');
  return getProduct(ctx.db, sku);
}
