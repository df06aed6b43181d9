import { getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';
import { queryRows } from './rows.ts';

/**
 * Statements written as plain `sql` templates, with the rows they return typed as the table's
 * own. Drizzle's query builder spends 60–120 µs of CPU building one insert or update (its entity
 * checks walk every column and chunk), against 5–15 µs for a template; and a statement built for
 * a transaction cannot be prepared once and reused (drizzle-orm issue 2826). The few statements
 * that run inside every order's Submit and allocation, while the year's number counter is held,
 * are written this way; everything else uses the builder. Values and rows go through the
 * columns' own driver mappings, so dates and bigints read and write as the builder's do, on
 * postgres.js and PGlite alike.
 */
export function tableStatements<T extends Table>(table: T) {
  type Row = T['$inferSelect'];
  type Key = keyof Row & string;
  const columns = getTableColumns(table) as Record<string, T['_']['columns'][string]>;
  const keyed = Object.entries(columns);
  const column = (key: string) => {
    const found = columns[key];
    if (!found) throw new Error(`${key} is not a column of the table`);
    return found;
  };

  /** A value as the builder would send it: through the column's mapping. */
  const value = (key: string, v: unknown): SQL =>
    sql`${v === null || v === undefined ? null : column(key).mapToDriverValue(v)}`;

  /** A raw row (`returning *`) as the builder would return it. */
  const row = (raw: Record<string, unknown>): Row => {
    const typed: Record<string, unknown> = {};
    for (const [key, c] of keyed) {
      const v = raw[c.name];
      typed[key] = v === null || v === undefined ? null : c.mapFromDriverValue(v);
    }
    return typed as Row;
  };

  return {
    /** `"column" = value, …` for the keys given. */
    assignments(changes: Partial<Record<Key, unknown>>): SQL {
      return sql.join(
        Object.entries(changes).map(
          ([key, v]) => sql`${sql.identifier(column(key).name)} = ${value(key, v)}`,
        ),
        sql`, `,
      );
    },
    /**
     * `("a", "b") select … from jsonb_to_recordset($1)`, in order, for rows that all give the same
     * keys: one parameter and one statement text however many rows, where a VALUES list cost
     * drizzle a chunk per value to build.
     */
    rows(rows: readonly Partial<Record<Key, unknown>>[]): SQL {
      const keys = Object.keys(rows[0] ?? {});
      const named = keys.map((key) => column(key));
      const records = rows.map((r) =>
        Object.fromEntries(
          keys.map((key, i) => {
            const v = (r as Record<string, unknown>)[key];
            const c = named[i] as (typeof named)[number];
            // JSON columns take the value itself; the others what the driver would be sent.
            const json = /^jsonb?$/.test(c.getSQLType());
            return [c.name, v === null || v === undefined || json ? (v ?? null) : c.mapToDriverValue(v)];
          }),
        ),
      );
      const names = named.map((c) => `"${c.name}"`).join(', ');
      const types = named.map((c) => `"${c.name}" ${c.getSQLType()}`).join(', ');
      // In the rows' order, so ids given on insert follow it.
      return sql`(${sql.raw(names)}) select ${sql.raw(names)}
        from rows from (jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as (${sql.raw(types)}))
        with ordinality as r(${sql.raw(names)}, n) order by n`;
    },
    /** Runs a statement ending in `returning *` and types its rows. */
    async returning(db: DbOrTx, statement: SQL): Promise<Row[]> {
      return (await queryRows<Record<string, unknown>>(db, statement)).map(row);
    },
  };
}
