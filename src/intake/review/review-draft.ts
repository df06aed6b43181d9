import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { calendarDate } from '../../calendar.ts';
import type { UseCaseContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { customers, orders, products } from '../../db/schema.ts';
import { together } from '../../db/together.ts';
import type { OrderDraft } from '../order-draft.ts';
import { type CatalogProduct, type ReviewOutcome, reviewedOrder } from './review-rules.ts';

/** Looks up what the draft names (customer, products, an earlier use of its PO) and reviews it. */
export async function reviewDraft(
  ctx: UseCaseContext,
  db: DbOrTx,
  draft: OrderDraft,
): Promise<ReviewOutcome> {
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
  return reviewedOrder({
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
}
