import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.ts';
import { departments } from './schema.ts';

/**
 * Rows of a table that belongs to departments, each with its department: `{ [as]: row, department }`.
 * Narrow it further with `.where`, `.orderBy` or `.for`.
 */
export function withDepartment<K extends string, T extends PgTable & { departmentId: PgColumn }>(
  db: DbOrTx,
  as: K,
  table: T,
) {
  const fields = { [as]: table, department: departments } as Record<K, T> & {
    department: typeof departments;
  };
  return db
    .select(fields)
    .from(table as PgTable)
    .innerJoin(departments, eq(departments.id, table.departmentId));
}
