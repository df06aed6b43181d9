import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { products } from '../db/schema.ts';
import { changes, chunks, type UpsertCounts } from '../db/upsert-support.ts';
import type { ProductInput } from './product-input.ts';
import type { ProductRow } from './product-store.ts';

/**
 * Stores products by SKU: new ones are added, changed ones updated, and identical ones left
 * alone (their updated_at too), so loading the same data twice changes nothing.
 */
export async function upsertProducts(
  tx: DbOrTx,
  inputs: readonly ProductInput[],
  now: Date,
): Promise<UpsertCounts> {
  const existing = new Map<string, ProductRow>();
  for (const skus of chunks(
    inputs.map((i) => i.sku),
    1000,
  )) {
    for (const row of await tx.select().from(products).where(inArray(products.sku, skus))) {
      existing.set(row.sku, row);
    }
  }
  const fresh = inputs.filter((i) => !existing.has(i.sku));
  const changed = inputs.filter((i) => {
    const row = existing.get(i.sku);
    return row !== undefined && changes(row, i);
  });
  for (const batch of chunks(fresh, 500)) {
    await tx.insert(products).values(batch.map((i) => ({ ...i, createdAt: now, updatedAt: now })));
  }
  for (const { sku, ...rest } of changed) {
    await tx
      .update(products)
      .set({ ...rest, updatedAt: now })
      .where(eq(products.sku, sku));
  }
  return {
    added: fresh.length,
    updated: changed.length,
    unchanged: inputs.length - fresh.length - changed.length,
  };
}
