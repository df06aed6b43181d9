import { recordCsvImport } from '../customers/record-csv.ts';
import { productFields } from './product-input.ts';
import { productRecords } from './product-records.ts';

/**
 * Products from CSV: one column per form field (sku, name, category, unit, list_price,
 * pack_size, min_order_qty, lead_time_days, default_spec, guide_url), checked by the form's own schema.
 */
export const productImport = recordCsvImport(productRecords, productFields);
