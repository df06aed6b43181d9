import { eq } from 'drizzle-orm';
import { type Actor, requireRole } from '../auth/roles.ts';
import { savedNotice } from '../customers/saved-notice.ts';
import { products } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { UseCaseContext } from '../orders/order-context.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { productSavedMessage } from './product-card.ts';
import type { ProductInput } from './product-input.ts';
import { getProduct, noSuchProduct, type ProductRow } from './product-store.ts';

/** The product an admin is about to edit; refuses anyone else before a form is shown. */
export async function productToEdit(ctx: UseCaseContext, actor: Actor, sku: string): Promise<ProductRow> {
  requireRole(actor, ['admin'], 'edit products');
  return getProduct(ctx.db, sku);
}

/** An admin changes a product, found by its SKU (which itself does not change). */
export async function editProduct(
  ctx: UseCaseContext,
  actor: Actor,
  input: ProductInput,
): Promise<ProductRow> {
  requireRole(actor, ['admin'], 'edit products');
  const now = ctx.clock.now();
  const { sku, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(products)
      .set({ ...changes, updatedAt: now })
      .where(eq(products.sku, sku))
      .returning();
    if (!row) throw new AppError('not_found', noSuchProduct(sku));
    await enqueue(tx, now, [savedNotice(actor.userId, 'product', productSavedMessage(row, 'updated'))]);
    return row;
  });
}
