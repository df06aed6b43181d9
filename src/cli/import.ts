import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { systemClock } from '../clock.ts';
import { ConfigError } from '../config.ts';
import { customerImport } from '../customers/customer-csv.ts';
import type { CsvImport } from '../db/csv-import.ts';
import { storeCsvRecords } from '../db/csv-import.ts';
import { formatProblem, readCsvRecords } from '../db/csv-records.ts';
import { withMigratedDatabase } from '../db/open-configured-database.ts';
import { upsertSummary } from '../db/upsert-support.ts';
import { productImport } from '../products/product-csv.ts';

/**
 * `npm run import -- customers|products <file.csv>`: checks every row, prints each problem as
 * `line N, column X: …` and imports nothing if there is one; else stores all rows in one
 * transaction. The file is checked before the database is opened, so a bad file never waits
 * for (or locks) the database.
 */
const usage = 'usage: npm run import -- customers|products <file.csv>';
const args = z.tuple([z.enum(['customers', 'products']), z.string().min(1)]);

class ExitError extends Error {
  constructor(
    readonly lines: string[],
    readonly code: number,
  ) {
    super(lines.join('\n'));
  }
}

async function run(): Promise<void> {
  const parsed = args.safeParse(process.argv.slice(2));
  if (!parsed.success) throw new ExitError([usage], 2);
  const [kindName, file] = parsed.data;
  await (kindName === 'customers' ? importFile(customerImport, file) : importFile(productImport, file));
}

async function importFile<T>(kind: CsvImport<T>, file: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ExitError(
      [`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`],
      1,
    );
  });
  const read = readCsvRecords(text, kind.spec);
  if (!read.ok) {
    const count = new Set(read.problems.map((p) => p.line)).size;
    throw new ExitError(
      [
        ...read.problems.map(formatProblem),
        `nothing imported: fix the ${count === 1 ? 'line' : `${count} lines`} above and run again`,
      ],
      1,
    );
  }
  await withMigratedDatabase(async (database) => {
    const values = read.records.map((r) => r.value);
    const counts = await storeCsvRecords(database.db, kind, values, systemClock);
    process.stdout.write(`imported ${upsertSummary(kind.what, counts)}\n`);
  });
}

run().catch((error: unknown) => {
  if (error instanceof ExitError) {
    process.stderr.write(`${error.lines.join('\n')}\n`);
    process.exit(error.code);
  }
  const lines =
    error instanceof ConfigError
      ? error.problems
      : [`import failed, nothing imported: ${error instanceof Error ? error.message : String(error)}`];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
