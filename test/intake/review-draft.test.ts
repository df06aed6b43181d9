import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import type { UseCaseContext } from '../../src/context.ts';
import { reviewDraft } from '../../src/intake/review/review-draft.ts';
import { aContext, aCustomer, aProduct } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let ctx: UseCaseContext;

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = aContext(database.db, new ManualClock('2026-11-27T10:00:00Z'));
  await aCustomer(database.db);
  await aProduct(database.db);
});
afterAll(() => database.close());

describe('reviewing a draft against the catalog', () => {
  it('finds products whatever their SKUs hold: quotes, commas, backslashes and braces', async () => {
    const odd = ['QUOTE"D', 'COMMA,SKU', 'BACK\\SLASH', '{BRACED}', 'NULL'];
    for (const sku of odd) await aProduct(database.db, { sku, name: `Product ${sku}` });
    const review = await reviewDraft(ctx, database.db, {
      customerCode: 'acme',
      customerPo: null,
      deliveryDate: '2026-12-20',
      paymentMethod: 'net30',
      notes: null,
      lines: [...odd, 'WIDGET-A'].map((sku) => ({ sku, spec: null, quantity: '1', unitPrice: '12.50' })),
    });
    expect(review.ok).toBe(true);
    if (!review.ok) return;
    expect([...review.catalog.products.keys()].sort()).toEqual([...odd, 'WIDGET-A'].sort());
  });

  it('names an SKU the catalog does not have', async () => {
    const review = await reviewDraft(ctx, database.db, {
      customerCode: 'ACME',
      customerPo: null,
      deliveryDate: '2026-12-20',
      paymentMethod: 'net30',
      notes: null,
      lines: [{ sku: 'NO-SUCH', spec: null, quantity: '1', unitPrice: '1.00' }],
    });
    expect(review.ok).toBe(false);
    if (review.ok) return;
    expect(JSON.stringify(review)).toContain('NO-SUCH');
  });
});
