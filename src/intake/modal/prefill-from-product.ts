import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { products } from '../../db/schema.ts';
import { formatCents } from '../../money.ts';
import type { DraftLine, OrderDraft } from '../order-draft.ts';

type Product = typeof products.$inferSelect;

const skuOf = (line: DraftLine | undefined) => line?.sku?.trim().toUpperCase() || null;

/** A line's empty spec and price take the product's default spec and list price. */
function fillLine(line: DraftLine, product: Product): DraftLine {
  return {
    ...line,
    spec: line.spec?.trim() ? line.spec : product.defaultSpec || null,
    unitPrice: line.unitPrice?.trim()
      ? line.unitPrice
      : formatCents(product.listPriceCents).replaceAll(',', ''),
  };
}

/** A product just chosen fills its line's empty spec and price. */
export async function prefillFromProduct(db: DbOrTx, draft: OrderDraft, index: number): Promise<OrderDraft> {
  const line = draft.lines[index];
  const sku = skuOf(line);
  if (!line || !sku) return draft;
  const [product] = await db.select().from(products).where(eq(products.sku, sku));
  if (!product) return draft;
  const lines = [...draft.lines];
  lines[index] = fillLine(line, product);
  return { ...draft, lines };
}

/** Every line of a typed one-liner, as if each product had been chosen in the form: one query. */
export async function prefillFromProducts(db: DbOrTx, draft: OrderDraft): Promise<OrderDraft> {
  const skus = [...new Set(draft.lines.map(skuOf).filter((sku): sku is string => sku !== null))];
  if (skus.length === 0) return draft;
  const found = new Map(
    (await db.select().from(products).where(inArray(products.sku, skus))).map((p) => [p.sku, p]),
  );
  const lines = draft.lines.map((line) => {
    const product = found.get(skuOf(line) ?? '');
    return product ? fillLine(line, product) : line;
  });
  return { ...draft, lines };
}
