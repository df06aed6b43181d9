import type { z } from 'zod';
import { readCsv } from './csv.ts';
import { quoted } from './field-rules.ts';

/** One thing wrong with an import file, where the person will find it. */
export interface CsvProblem {
  line: number;
  column?: string;
  message: string;
}

export function formatProblem(p: CsvProblem): string {
  return p.column ? `line ${p.line}, column ${p.column}: ${p.message}` : `line ${p.line}: ${p.message}`;
}

/** How one kind of record is read from a CSV file. */
export interface CsvSpec<T> {
  /** Every column, named like the schema's fields; each must be in the header. */
  columns: readonly string[];
  /** The column that identifies a record; it may appear once per file. */
  keyColumn: string;
  schema: z.ZodType<T>;
  key(record: T): string;
}

export type CsvRecords<T> =
  | { ok: true; records: { line: number; value: T }[] }
  | { ok: false; problems: CsvProblem[] };

/**
 * Reads and checks a whole file before anything is stored: the header first (a file with
 * unknown or missing columns cannot be read safely), then every row with the record's schema,
 * then keys that repeat. Returns every problem at once, so one pass fixes the file.
 */
export function readCsvRecords<T>(text: string, spec: CsvSpec<T>): CsvRecords<T> {
  const read = readCsv(text);
  if (!read.ok) return { ok: false, problems: [{ line: read.line, message: read.message }] };
  const [header, ...rows] = read.records;
  if (!header)
    return {
      ok: false,
      problems: [
        { line: 1, message: `the file is empty; the header names the columns: ${spec.columns.join(',')}` },
      ],
    };

  const names = header.cells.map((c) => c.trim().toLowerCase());
  const headerProblems = checkHeader(names, spec.columns, header.line);
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };
  if (rows.length === 0)
    return { ok: false, problems: [{ line: header.line, message: 'no rows below the header' }] };

  const problems: CsvProblem[] = [];
  const records: { line: number; value: T }[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.cells.length !== names.length) {
      problems.push({
        line: row.line,
        message: `${row.cells.length} cells, but the header has ${names.length} columns`,
      });
      continue;
    }
    const typed = Object.fromEntries(names.map((name, i) => [name, row.cells[i]]));
    const parsed = spec.schema.safeParse(typed);
    if (!parsed.success) {
      const columns = new Set<string>();
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        if (columns.has(column)) continue;
        columns.add(column);
        problems.push({ line: row.line, column, message: issue.message });
      }
      continue;
    }
    const key = spec.key(parsed.data);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        line: row.line,
        column: spec.keyColumn,
        message: `${quoted(key)} is also on line ${first}`,
      });
      continue;
    }
    seen.set(key, row.line);
    records.push({ line: row.line, value: parsed.data });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, records };
}

function checkHeader(names: string[], columns: readonly string[], line: number): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const expected = columns.join(', ');
  names.forEach((name, i) => {
    if (!columns.includes(name)) {
      const shown = name === '' ? `column ${i + 1} has no name` : `unknown column ${quoted(name)}`;
      problems.push({ line, message: `${shown}; the columns are ${expected}` });
    } else if (names.indexOf(name) !== i) {
      problems.push({ line, message: `column ${name} is named twice` });
    }
  });
  for (const column of columns) {
    if (!names.includes(column)) problems.push({ line, message: `missing column ${column}` });
  }
  return problems;
}
