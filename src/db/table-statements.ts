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

  /**
   * The column list and record type of rows with these keys, worked out once per set of keys:
   * a column's SQL type is a string drizzle builds anew at each ask.
   */
  type RecordShape = {
    fields: { key: string; column: ReturnType<typeof column>; json: boolean }[];
    names: string;
    types: string;
  };
  const shapes = new Map<string, RecordShape>();
  const recordShape = (keys: readonly string[]): RecordShape => {
    const id = keys.join(',');
    let shape = shapes.get(id);
    if (!shape) {
      const typed = keys.map((key) => {
        const c = column(key);
        return { key, column: c, type: c.getSQLType() };
      });
      shape = {
        fields: typed.map(({ key, column: c, type }) => ({ key, column: c, json: /^jsonb?$/.test(type) })),
        names: typed.map(({ column: c }) => `"${c.name}"`).join(', '),
        types: typed.map(({ column: c, type }) => `"${c.name}" ${type}`).join(', '),
      };
      shapes.set(id, shape);
    }
    return shape;
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
      const shape = recordShape(Object.keys(rows[0] ?? {}));
      const records = rows.map((r) => {
        const record: Record<string, unknown> = {};
        for (const { key, column: c, json } of shape.fields) {
          const v = (r as Record<string, unknown>)[key];
          // JSON columns take the value itself; the others what the driver would be sent.
          record[c.name] = v === null || v === undefined || json ? (v ?? null) : c.mapToDriverValue(v);
        }
        return record;
      });
      // In the rows' order, so ids given on insert follow it.
      return sql`(${sql.raw(shape.names)}) select ${sql.raw(shape.names)}
        from rows from (jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as (${sql.raw(shape.types)}))
        with ordinality as r(${sql.raw(shape.names)}, n) order by n`;
    },
    /** Runs a statement ending in `returning *` and types its rows. */
    async returning(db: DbOrTx, statement: SQL): Promise<Row[]> {
      return (await queryRows<Record<string, unknown>>(db, statement)).map(row);
    },
  };
}
