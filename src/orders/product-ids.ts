import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { products } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** The product id of each SKU an order's lines name; a SKU gone from the catalog is refused by name. */
export async function productIds(tx: DbOrTx, skus: string[]): Promise<Map<string, number>> {
  const rows = await tx
    .select({ id: products.id, sku: products.sku })
    .from(products)
    .where(inArray(products.sku, skus));
  const ids = new Map(rows.map((r) => [r.sku, r.id]));
  const missing = skus.filter((s) => !ids.has(s));
  if (missing.length) throw new AppError('not_found', `No longer in the catalog: ${missing.join(', ')}.`);
  return ids;
}
