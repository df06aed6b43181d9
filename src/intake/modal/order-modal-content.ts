import { eq, inArray } from 'drizzle-orm';
import { paymentMethods } from '../../customers/payment-methods.ts';
import type { DbOrTx } from '../../db/client.ts';
import { customers, products } from '../../db/schema.ts';
import { emptyLine, maxOrderLines, type OrderDraft } from '../order-draft.ts';
import type { OrderModalContent } from './order-modal.ts';
import type { OrderModalMeta } from './order-modal-ids.ts';

/** Fresh modal memory for a draft: one key per line, at least one line. */
export function metaFor(lineCount: number): OrderModalMeta {
  const count = Math.min(Math.max(lineCount, 1), maxOrderLines);
  return { lines: Array.from({ length: count }, (_, i) => i.toString(36)), next: count, revs: {} };
}

/** Gives the draft exactly as many lines as the modal has rows. */
export function fitLines(draft: OrderDraft, meta: OrderModalMeta): OrderDraft {
  return { ...draft, lines: meta.lines.map((_, i) => draft.lines[i] ?? emptyLine()) };
}

/** What the modal needs to show a draft: the customer and products it names, and the allowed payment methods. */
export async function modalContent(
  db: DbOrTx,
  draft: OrderDraft,
  meta: OrderModalMeta,
  notUnderstood: readonly string[] = [],
): Promise<OrderModalContent> {
  const code = draft.customerCode?.trim().toUpperCase();
  const [customer] = code
    ? await db
        .select({ code: customers.code, name: customers.name, paymentMethods: customers.paymentMethods })
        .from(customers)
        .where(eq(customers.code, code))
    : [];
  const skus = [...new Set(draft.lines.map((l) => l.sku?.trim().toUpperCase() ?? '').filter(Boolean))];
  const found = skus.length
    ? await db
        .select({ sku: products.sku, name: products.name })
        .from(products)
        .where(inArray(products.sku, skus))
    : [];
  return {
    meta,
    draft: fitLines(draft, meta),
    customer: customer ?? null,
    products: new Map(found.map((p) => [p.sku.toUpperCase(), p])),
    paymentOptions: customer?.paymentMethods.length ? customer.paymentMethods : paymentMethods,
    notUnderstood,
  };
}
