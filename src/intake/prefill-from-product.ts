import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { products } from '../db/schema.ts';
import { formatCents } from '../money.ts';
import type { OrderDraft } from './order-draft.ts';

/** A product just chosen fills its line's empty spec and price with its default spec and list price. */
export async function prefillFromProduct(db: DbOrTx, draft: OrderDraft, index: number): Promise<OrderDraft> {
  const line = draft.lines[index];
  const sku = line?.sku?.trim().toUpperCase();
  if (!line || !sku) return draft;
  const [product] = await db.select().from(products).where(eq(products.sku, sku));
  if (!product) return draft;
  const lines = [...draft.lines];
  lines[index] = {
    ...line,
    spec: line.spec?.trim() ? line.spec : product.defaultSpec || null,
    unitPrice: line.unitPrice?.trim()
      ? line.unitPrice
      : formatCents(product.listPriceCents).replaceAll(',', ''),
  };
  return { ...draft, lines };
}
