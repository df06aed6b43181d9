import type { Clock } from '../clock.ts';
import type { Db, DbOrTx } from './client.ts';
import { type CsvProblem, type CsvSpec, readCsvRecords } from './csv-records.ts';
import type { UpsertCounts } from './upsert-support.ts';

/** One kind of record that `npm run import` loads: how to read its CSV and how to store it. */
export interface CsvImport<T> {
  /** Plural, as the summary says it: "customers". */
  what: string;
  spec: CsvSpec<T>;
  store(tx: DbOrTx, values: readonly T[], now: Date): Promise<UpsertCounts>;
}

/** Stores checked records, all or none: one transaction. */
export function storeCsvRecords<T>(db: Db, kind: CsvImport<T>, values: readonly T[], clock: Clock) {
  const now = clock.now();
  return db.transaction((tx) => kind.store(tx, values, now));
}

export type ImportResult = { ok: true; counts: UpsertCounts } | { ok: false; problems: CsvProblem[] };

/** A whole import: every row checked first; any bad row and nothing is stored. */
export async function importCsv<T>(
  db: Db,
  kind: CsvImport<T>,
  csv: string,
  clock: Clock,
): Promise<ImportResult> {
  const read = readCsvRecords(csv, kind.spec);
  if (!read.ok) return read;
  const counts = await storeCsvRecords(
    db,
    kind,
    read.records.map((r) => r.value),
    clock,
  );
  return { ok: true, counts };
}
