import type { z } from 'zod';
import type { CsvImport } from '../db/csv-import.ts';
import type { NamedRecord, RecordKind } from './record-kind.ts';
import { upsertRecords } from './upsert-records.ts';

/**
 * A kind's records from CSV: one column per form field, checked by the kind's schema as the form's
 * values are, so a file is accepted exactly when the same values typed into the form would be.
 */
export function recordCsvImport<
  Row extends NamedRecord & Record<string, unknown>,
  Input extends Record<string, unknown>,
>(kind: RecordKind<Row, Input>, fields: z.ZodObject): CsvImport<Input> {
  const { table, schema } = kind;
  return {
    what: kind.plural,
    spec: { columns: Object.keys(fields.shape), keyColumn: table.key, schema, key: (r) => table.keyOf(r) },
    store: (tx, values, now) => upsertRecords(table, tx, values, now),
  };
}
