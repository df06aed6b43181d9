import type { DbOrTx } from '../db/client.ts';
import { changes, chunks, type UpsertCounts } from '../db/upsert-support.ts';
import type { KeyedTable } from './record-table.ts';

/**
 * Stores records by key: new ones are added, changed ones updated, and identical ones left
 * alone (their updated_at too), so loading the same data twice changes nothing.
 */
export async function upsertRecords<
  Row extends Record<string, unknown>,
  Input extends Record<string, unknown>,
>(table: KeyedTable<Row, Input>, tx: DbOrTx, inputs: readonly Input[], now: Date): Promise<UpsertCounts> {
  const existing = new Map<string, Row>();
  for (const keys of chunks(
    inputs.map((i) => table.keyOf(i)),
    1000,
  )) {
    for (const row of await table.select(tx, keys)) existing.set(table.keyOf(row), row);
  }
  const fresh = inputs.filter((i) => !existing.has(table.keyOf(i)));
  const changed = inputs.filter((i) => {
    const row = existing.get(table.keyOf(i));
    return row !== undefined && changes(row, i);
  });
  for (const batch of chunks(fresh, 500)) {
    await table.insertAll(
      tx,
      batch.map((i) => ({ ...i, createdAt: now, updatedAt: now })),
    );
  }
  for (const input of changed) await table.update(tx, { ...input, updatedAt: now });
  return {
    added: fresh.length,
    updated: changed.length,
    unchanged: inputs.length - fresh.length - changed.length,
  };
}
