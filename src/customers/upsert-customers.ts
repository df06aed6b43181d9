import type { DbOrTx } from '../db/client.ts';
import type { UpsertCounts } from '../db/upsert-support.ts';
import type { CustomerInput } from './customer-input.ts';
import { customerRecords } from './customer-records.ts';
import { upsertRecords } from './upsert-records.ts';

/** Stores customers by code, leaving identical ones alone (see upsertRecords). */
export function upsertCustomers(
  tx: DbOrTx,
  inputs: readonly CustomerInput[],
  now: Date,
): Promise<UpsertCounts> {
  return upsertRecords(customerRecords.table, tx, inputs, now);
}
