import type { CsvImport } from '../db/csv-import.ts';
import { type ProductInput, productColumns, productInputSchema } from './product-input.ts';
import { upsertProducts } from './upsert-products.ts';

/**
 * Products from CSV: one column per form field (sku, name, category, unit, list_price,
 * pack_size, min_order_qty, lead_time_days, default_spec), checked by the form's own schema.
 */
export const productImport: CsvImport<ProductInput> = {
  what: 'products',
  spec: { columns: productColumns, keyColumn: 'sku', schema: productInputSchema, key: (p) => p.sku },
  store: upsertProducts,
};
