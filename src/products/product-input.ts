import { z } from 'zod';
import { amount, asColumns, code, oneOf, text, webUrl, whole } from '../db/field-rules.ts';
import { centsToAmount } from '../money.ts';
import { productCategories } from './product-categories.ts';

/**
 * A product as typed: the one schema behind the product form and the CSV import. Keys are the
 * CSV columns and the form's input block ids.
 */
export const productFields = z.object({
  sku: code('SKU', { max: 40, pattern: /^[A-Za-z0-9._-]+$/, allowed: '1–40 letters, digits, -, _ or .' }),
  name: text('Name', { max: 200 }),
  category: oneOf('Category', productCategories),
  unit: text('Unit', { max: 20, empty: 'pcs' }),
  list_price: amount('List price', { positive: true }),
  pack_size: whole('Pack size', { min: 1, max: 1_000_000, empty: 1 }),
  min_order_qty: whole('Minimum order quantity', { min: 1, max: 1_000_000, empty: 1 }),
  lead_time_days: whole('Lead time (days)', { min: 0, max: 365, empty: 0 }),
  default_spec: text('Default specification', { max: 500, multiline: true, empty: '' }),
  guide_url: webUrl('Guide link'),
});

/** Parses typed values into a record shaped like the `products` columns. */
export const productInputSchema = asColumns(productFields, { list_price: 'listPriceCents' });

export type ProductFieldValues = z.input<typeof productFields>;
export type ProductInput = z.output<typeof productInputSchema>;

/** A stored product: a row read back holds a plain string for the category. */
export type StoredProduct = Omit<ProductInput, 'category'> & { category: string };

/** A stored product back as typed values: what the edit form is prefilled with. */
export function productToFields(p: StoredProduct): ProductFieldValues {
  return {
    sku: p.sku,
    name: p.name,
    category: p.category,
    unit: p.unit,
    list_price: centsToAmount(p.listPriceCents),
    pack_size: String(p.packSize),
    min_order_qty: String(p.minOrderQty),
    lead_time_days: String(p.leadTimeDays),
    default_spec: p.defaultSpec,
    guide_url: p.guideUrl,
  };
}
