import type { RecordKind } from '../customers/record-kind.ts';
import { keyedTable } from '../customers/record-table.ts';
import { products } from '../db/schema.ts';
import { productCard } from './product-card.ts';
import { type ProductInput, productInputSchema } from './product-input.ts';

/** Products, found by their SKU. */
export const productRecords: RecordKind<typeof products.$inferSelect, ProductInput> = {
  noun: 'product',
  plural: 'products',
  table: keyedTable(products, 'sku'),
  schema: productInputSchema,
  card: productCard,
};
