import { eq, type InferInsertModel, type InferSelectModel, inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';

/** When a record was added and last changed; the injected clock sets both, never SQL now(). */
export interface Stamps {
  createdAt: Date;
  updatedAt: Date;
}

type StampedTable = PgTable & { createdAt: PgColumn; updatedAt: PgColumn };

/** The names of a table's columns that hold text: the only kind of key records are found by. */
type TextColumn<T extends PgTable> = {
  [C in keyof InferSelectModel<T> & keyof T & string]: InferSelectModel<T>[C] extends string ? C : never;
}[keyof InferSelectModel<T> & keyof T & string];

/**
 * A table of records found by a unique text key (customers by code, products by SKU): the
 * queries that storing, changing and looking them up need, and nothing that differs by kind.
 */
export interface KeyedTable<Row, Input> {
  /** The key's column, named as in the schema, the form and the CSV header. */
  key: string;
  keyOf(record: Row | Input): string;
  select(db: DbOrTx, keys: readonly string[]): Promise<Row[]>;
  /** Adds one record; undefined when its key is taken, which the unique index decides. */
  insertNew(db: DbOrTx, record: Input & Stamps): Promise<Row | undefined>;
  /** Adds records whose keys were found free; a key taken meanwhile fails the statement. */
  insertAll(db: DbOrTx, records: readonly (Input & Stamps)[]): Promise<void>;
  /** Stores a record over the one with its key (the key itself never changes). */
  update(db: DbOrTx, record: Input & Pick<Stamps, 'updatedAt'>): Promise<Row | undefined>;
}

type InputOf<T extends PgTable> = Omit<InferInsertModel<T>, keyof Stamps>;

export function keyedTable<T extends StampedTable, K extends TextColumn<T>>(
  table: T,
  key: K,
): KeyedTable<InferSelectModel<T>, InputOf<T>> {
  type Row = InferSelectModel<T>;
  // drizzle cannot type queries on a table that is a type parameter, so they run on the
  // table as a plain PgTable; the rows they give back are T's rows, which is what Row says.
  const plain: PgTable = table;
  const column = table[key] as PgColumn;
  // K is a text column (TextColumn), so a row and an input both hold a string there.
  const keyOf = (record: Row | InputOf<T>): string => (record as Record<K, string>)[key];
  return {
    key,
    keyOf,
    async select(db, keys) {
      return (await db
        .select()
        .from(plain)
        .where(inArray(column, [...keys]))) as Row[];
    },
    async insertNew(db, record) {
      const [row] = await db.insert(plain).values(record).onConflictDoNothing({ target: column }).returning();
      return row as Row | undefined;
    },
    async insertAll(db, records) {
      await db.insert(plain).values([...records]);
    },
    async update(db, record) {
      // Everything but the key is set; the key only finds the row.
      const { [key]: _key, ...changes } = record as Record<string, unknown>;
      const [row] = await db
        .update(plain)
        .set(changes)
        .where(eq(column, keyOf(record)))
        .returning();
      return row as Row | undefined;
    },
  };
}
