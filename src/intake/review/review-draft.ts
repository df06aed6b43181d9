import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { calendarDate } from '../../calendar.ts';
import type { UseCaseContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { customers, orders, products } from '../../db/schema.ts';
import { together } from '../../db/together.ts';
import type { OrderDraft } from '../order-draft.ts';
import { type CatalogProduct, type ReviewOutcome, reviewedOrder } from './review-rules.ts';

/**
 * What the catalog said of a reviewed order's customer and products: storing and routing the
 * order need not ask again. Neither customers nor products are ever deleted, so the ids stay good.
 */
export interface CatalogFacts {
  customerId: number;
  tier: string;
  /** By SKU as the catalog spells it, as the reviewed lines name them. */
  products: ReadonlyMap<string, { id: number; category: string }>;
}

export type DraftReview =
  | Extract<ReviewOutcome, { ok: false }>
  | (Extract<ReviewOutcome, { ok: true }> & { catalog: CatalogFacts });

/** Looks up what the draft names (customer, products, an earlier use of its PO) and reviews it. */
export async function reviewDraft(ctx: UseCaseContext, db: DbOrTx, draft: OrderDraft): Promise<DraftReview> {
  const code = draft.customerCode?.trim().toUpperCase() ?? '';
  const skus = [...new Set(draft.lines.map((l) => l.sku?.trim().toUpperCase() ?? '').filter(Boolean))].slice(
    0,
    100,
  );
  const po = draft.customerPo?.trim();
  // Three reads sent at once: the PO's earlier use names its customer by code, not by the id
  // the first read finds.
  const [[customer], found, [used]] = await together(
    code ? db.select().from(customers).where(eq(customers.code, code)) : Promise.resolve([]),
    skus.length ? db.select().from(products).where(inArray(products.sku, skus)) : Promise.resolve([]),
    code && po
      ? db
          .select({ number: orders.number })
          .from(orders)
          .innerJoin(customers, eq(customers.id, orders.customerId))
          .where(and(eq(customers.code, code), eq(orders.customerPo, po), ne(orders.status, 'cancelled')))
          .orderBy(desc(orders.id))
          .limit(1)
      : Promise.resolve([]),
  );
  const outcome = reviewedOrder({
    draft,
    today: calendarDate(ctx.clock.now(), ctx.timeZone),
    customer: customer
      ? { code: customer.code, name: customer.name, paymentMethods: customer.paymentMethods }
      : null,
    products: new Map(found.map((p) => [p.sku.toUpperCase(), p as CatalogProduct])),
    poUsedBy: used?.number ?? null,
    policy: ctx.pricePolicy,
    deliveryHorizonDays: ctx.deliveryHorizonDays,
  });
  if (!outcome.ok) return outcome;
  // The review passes only a draft whose customer it found.
  if (!customer) throw new Error(`reviewed an order for ${code}, a customer not found`);
  return {
    ...outcome,
    catalog: {
      customerId: customer.id,
      tier: customer.tier,
      products: new Map(found.map((p) => [p.sku, { id: p.id, category: p.category }])),
    },
  };
}
