import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { products } from '../db/schema.ts';
import { AppError } from '../errors.ts';

export type ProductRow = typeof products.$inferSelect;

export async function findProduct(db: DbOrTx, sku: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(eq(products.sku, sku));
  return row;
}

export async function getProduct(db: DbOrTx, sku: string): Promise<ProductRow> {
  const row = await findProduct(db, sku);
  if (!row) throw new AppError('not_found', noSuchProduct(sku));
  return row;
}

export const noSuchProduct = (sku: string) =>
  `There is no product ${sku}. Add it with /order product add ${sku}.`;

export const productExists = (sku: string) =>
  `There is already a product ${sku}. Change it with /order product edit ${sku}.`;
