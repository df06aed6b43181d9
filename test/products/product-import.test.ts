import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { importCsv } from '../../src/db/csv-import.ts';
import { products } from '../../src/db/schema.ts';
import { productImport } from '../../src/products/product-csv.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const clock = new ManualClock('2026-11-02T08:00:00Z');
const header =
  'sku,name,category,unit,list_price,pack_size,min_order_qty,lead_time_days,default_spec,guide_url';

describe('importing products', () => {
  it('imports nothing when one row is bad, and says where', async () => {
    const text = [
      header,
      'BRG-6204,Ball bearing 6204,bearings,,3.90,10,10,0,,',
      'BRG-6205,Ball bearing 6205,bearings,,3.90,0,10,0,,',
    ].join('\n');
    const result = await importCsv(database.db, productImport, text, clock);
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 3, column: 'pack_size', message: 'Pack size must be from 1 to 1,000,000; "0" is not' },
      ],
    });
    expect(await database.db.select().from(products)).toEqual([]);
  });

  it('stores a good file, with multi-line specifications and defaults for empty cells', async () => {
    const text = [
      header,
      'brg-6204,Ball bearing 6204,Bearings,,3.90,10,10,0,,https://example.com/brg-6204',
      'CUS-GEAR,"Spur gear, module 3",custom,pcs,380,1,1,42,"42CrMo4\nhardened 52–56 HRC, ""per drawing""",',
    ].join('\r\n');
    expect(await importCsv(database.db, productImport, text, clock)).toEqual({
      ok: true,
      counts: { added: 2, updated: 0, unchanged: 0 },
    });
    const rows = await database.db.select().from(products).orderBy(products.sku);
    expect(
      rows.map((r) => [
        r.sku,
        r.category,
        r.unit,
        r.listPriceCents,
        r.leadTimeDays,
        r.defaultSpec,
        r.guideUrl,
      ]),
    ).toEqual([
      ['BRG-6204', 'bearings', 'pcs', 390, 0, '', 'https://example.com/brg-6204'],
      ['CUS-GEAR', 'custom', 'pcs', 38_000, 42, '42CrMo4\nhardened 52–56 HRC, "per drawing"', null],
    ]);
  });
});
