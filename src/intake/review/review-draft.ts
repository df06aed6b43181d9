import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { calendarDate } from '../../calendar.ts';
import type { UseCaseContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { customers, orders, products } from '../../db/schema.ts';
import type { OrderDraft } from '../order-draft.ts';
import { type CatalogProduct, type ReviewOutcome, reviewedOrder } from './review-rules.ts';

/** Looks up what the draft names (customer, products, an earlier use of its PO) and reviews it. */
export async function reviewDraft(
  ctx: UseCaseContext,
  db: DbOrTx,
  draft: OrderDraft,
): Promise<ReviewOutcome> {
  const code = draft.customerCode?.trim().toUpperCase() ?? '';
  const [customer] = code ? await db.select().from(customers).where(eq(customers.code, code)) : [];
  const skus = [...new Set(draft.lines.map((l) => l.sku?.trim().toUpperCase() ?? '').filter(Boolean))].slice(
    0,
    100,
  );
  const found = skus.length ? await db.select().from(products).where(inArray(products.sku, skus)) : [];
  const po = draft.customerPo?.trim();
  const [used] =
    customer && po
      ? await db
          .select({ number: orders.number })
          .from(orders)
          .where(
            and(
              eq(orders.customerId, customer.id),
              eq(orders.customerPo, po),
              ne(orders.status, 'cancelled'),
            ),
          )
          .orderBy(desc(orders.id))
          .limit(1)
      : [];
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
