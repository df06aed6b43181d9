/** What an upsert of many records did, for the summary a person reads. */
export interface UpsertCounts {
  added: number;
  updated: number;
  unchanged: number;
}

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
