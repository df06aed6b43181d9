/** What an upsert of many records did, for the summary a person reads. */
export interface UpsertCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** Nothing stored yet. */
export const noCounts = (): UpsertCounts => ({ added: 0, updated: 0, unchanged: 0 });

export function upsertSummary(what: string, c: UpsertCounts): string {
  const total = c.added + c.updated + c.unchanged;
  const unchanged = c.unchanged ? `, ${c.unchanged} unchanged` : '';
  return `${total} ${what} (${c.added} new, ${c.updated} updated${unchanged})`;
}

/** Whether storing `input` over `row` would change anything; lists compare item by item. */
export function changes(row: Record<string, unknown>, input: Record<string, unknown>): boolean {
  return Object.entries(input).some(([key, value]) => {
    const stored = row[key];
    if (Array.isArray(value) && Array.isArray(stored)) return value.join('\u0000') !== stored.join('\u0000');
    return stored !== value;
  });
}

/** Keeps one statement's parameters under Postgres's limit of 65,535. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Stores one declared record the way a second run of the same file changes nothing: inserted when
 * there is no row, updated when storing it would change the row, else left alone; `counts` says which.
 */
export async function storeDeclared<Row>(
  counts: UpsertCounts,
  row: Row | undefined,
  changed: (row: Row) => boolean,
  write: { insert(): PromiseLike<unknown>; update(row: Row): PromiseLike<unknown> },
): Promise<void> {
  if (!row) {
    await write.insert();
    counts.added++;
  } else if (changed(row)) {
    await write.update(row);
    counts.updated++;
  } else counts.unchanged++;
}

/** How `upsertByKey` reads and writes one kind of declared record. */
export interface StoredByKey<K extends string, Declared, Row, Values> {
  /** The field that names a record, the same on the declared record and its row: `key`, `slackUserId`. */
  key: K;
  /** The stored rows of these keys. */
  stored(keys: string[]): PromiseLike<Row[]>;
  /** What is stored for a declared record; `row` is its stored one, if any. */
  values(declared: Declared, row: Row | undefined): Values;
  insert(declared: Declared, values: Values): PromiseLike<unknown>;
  update(declared: Declared, values: Values): PromiseLike<unknown>;
}

/**
 * Declared records by key, their stored rows read in one query, each stored as `storeDeclared`
 * does: a second run of the same file changes nothing.
 */
export async function upsertByKey<
  K extends string,
  Declared extends Record<K, string>,
  Row extends Record<K, string> & Record<string, unknown>,
  Values extends Record<string, unknown>,
>(wanted: readonly Declared[], by: StoredByKey<K, Declared, Row, Values>): Promise<UpsertCounts> {
  const counts = noCounts();
  if (!wanted.length) return counts;
  const stored = await by.stored(wanted.map((d) => d[by.key]));
  const existing = new Map<string, Row>(stored.map((row) => [row[by.key], row]));
  for (const declared of wanted) {
    const row = existing.get(declared[by.key]);
    const values = by.values(declared, row);
    await storeDeclared(counts, row, (r) => changes(r, values), {
      insert: () => by.insert(declared, values),
      update: () => by.update(declared, values),
    });
  }
  return counts;
}
