import type { Clock } from '../../src/clock.ts';
import type { UseCaseContext } from '../../src/context.ts';
import type { Db, DbOrTx } from '../../src/db/client.ts';
import { customers, products } from '../../src/db/schema.ts';

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
