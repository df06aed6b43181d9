import type { Clock } from '../../src/clock.ts';
import type { UseCaseContext } from '../../src/context.ts';
import type { Db, DbOrTx } from '../../src/db/client.ts';
import { customers, products } from '../../src/db/schema.ts';
import type { NewOrder, NewOrderLine } from '../../src/orders/create-order.ts';

const at = new Date('2026-11-01T00:00:00Z');

/** A customer with room on its credit line, unless the test says otherwise. */
export async function aCustomer(db: DbOrTx, overrides: Partial<typeof customers.$inferInsert> = {}) {
  const [row] = await db
    .insert(customers)
    .values({
      code: 'ACME',
      name: 'Acme Industrial',
      creditLimitCents: 5_000_000,
      paymentMethods: ['net30', 'prepaid'],
      createdAt: at,
      updatedAt: at,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('no customer');
  return row;
}

export async function aProduct(db: DbOrTx, overrides: Partial<typeof products.$inferInsert> = {}) {
  const [row] = await db
    .insert(products)
    .values({
      sku: 'WIDGET-A',
      name: 'Widget A',
      category: 'widgets',
      listPriceCents: 1250,
      createdAt: at,
      updatedAt: at,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('no product');
  return row;
}

/**
 * A one-line order, for a customer and a product made for it, due 2026-12-20 on net 30: what
 * createOrder and insertOrder take.
 */
export async function aOneLineOrder(
  db: DbOrTx,
  ownerId: string,
  {
    customer = {},
    product = {},
    line = {},
  }: {
    customer?: Partial<typeof customers.$inferInsert>;
    product?: Partial<typeof products.$inferInsert>;
    line?: Partial<NewOrderLine>;
  } = {},
): Promise<NewOrder> {
  const { id: customerId } = await aCustomer(db, customer);
  const { id: productId } = await aProduct(db, product);
  return {
    customerId,
    deliveryDate: '2026-12-20',
    paymentMethod: 'net30',
    ownerId,
    lines: [{ productId, spec: '', quantity: 1, unitPriceCents: 100, ...line }],
  };
}

/** A use case's context as the bot builds it from the default configuration, on `clock`. */
export function aContext(db: Db, clock: Clock, timeZone = 'Europe/Berlin'): UseCaseContext {
  return {
    db,
    clock,
    timeZone,
    pricePolicy: { priceWarnPercent: 15, priceFloorPercent: 70 },
    deliveryHorizonDays: 730,
  };
}
