import { type Actor, requireRole } from '../auth/roles.ts';
import { savedNotice } from '../customers/saved-notice.ts';
import { products } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { UseCaseContext } from '../orders/order-context.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { productSavedMessage } from './product-card.ts';
import type { ProductInput } from './product-input.ts';
import { type ProductRow, productExists } from './product-store.ts';

/** An admin adds a product; the admin is told by DM once it is stored. */
export async function addProduct(
  ctx: UseCaseContext,
  actor: Actor,
  input: ProductInput,
): Promise<ProductRow> {
  requireRole(actor, ['admin'], 'add products');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The unique index decides, so two admins adding the same SKU at once cannot both win.
    const [row] = await tx
      .insert(products)
      .values({ ...input, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: products.sku })
      .returning();
    if (!row) throw new AppError('conflict', productExists(input.sku));
    await enqueue(tx, now, [savedNotice(actor.userId, 'product', productSavedMessage(row, 'added'))]);
    return row;
  });
}
