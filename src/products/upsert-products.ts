import { upsertRecords } from '../customers/upsert-records.ts';
import type { DbOrTx } from '../db/client.ts';
import type { UpsertCounts } from '../db/upsert-support.ts';
import type { ProductInput } from './product-input.ts';
import { productRecords } from './product-records.ts';

/** Stores products by SKU, leaving identical ones alone (see upsertRecords). */
export function upsertProducts(
  tx: DbOrTx,
  inputs: readonly ProductInput[],
  now: Date,
): Promise<UpsertCounts> {
  return upsertRecords(productRecords.table, tx, inputs, now);
}
