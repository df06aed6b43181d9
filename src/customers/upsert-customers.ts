import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers } from '../db/schema.ts';
import { changes, chunks, type UpsertCounts } from '../db/upsert-support.ts';
import type { CustomerInput } from './customer-input.ts';
import type { CustomerRow } from './customer-store.ts';

/**
 * Stores customers by code: new ones are added, changed ones updated, and identical ones left
 * alone (their updated_at too), so loading the same data twice changes nothing.
 */
export async function upsertCustomers(
  tx: DbOrTx,
  inputs: readonly CustomerInput[],
  now: Date,
): Promise<UpsertCounts> {
  const existing = new Map<string, CustomerRow>();
  for (const codes of chunks(
    inputs.map((i) => i.code),
    1000,
  )) {
    for (const row of await tx.select().from(customers).where(inArray(customers.code, codes))) {
      existing.set(row.code, row);
    }
  }
  const fresh = inputs.filter((i) => !existing.has(i.code));
  const changed = inputs.filter((i) => {
    const row = existing.get(i.code);
    return row !== undefined && changes(row, i);
  });
  for (const batch of chunks(fresh, 500)) {
    await tx.insert(customers).values(batch.map((i) => ({ ...i, createdAt: now, updatedAt: now })));
  }
  for (const { code, ...rest } of changed) {
    await tx
      .update(customers)
      .set({ ...rest, updatedAt: now })
      .where(eq(customers.code, code));
  }
  return {
    added: fresh.length,
    updated: changed.length,
    unchanged: inputs.length - fresh.length - changed.length,
  };
}
