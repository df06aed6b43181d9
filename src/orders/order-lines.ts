import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { orderLines, products } from '../db/schema.ts';

/** A line of an order with its product, as cards and forms show it. */
export interface OrderLine {
  lineNo: number;
  sku: string;
  name: string;
  unit: string;
  spec: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
}

/** The order's lines in their order. */
export function loadOrderLines(db: DbOrTx, orderId: number): Promise<OrderLine[]> {
  return db
    .select({
      lineNo: orderLines.lineNo,
      sku: products.sku,
      name: products.name,
      unit: products.unit,
      spec: orderLines.spec,
      quantity: orderLines.quantity,
      unitPriceCents: orderLines.unitPriceCents,
      amountCents: orderLines.amountCents,
    })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.lineNo));
}
