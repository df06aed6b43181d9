import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';

/**
 * Runs raw SQL and returns its rows on either driver: postgres.js answers with an array,
 * PGlite with `{ rows }`. Column values stay as the driver gives them; callers normalise.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** int8 comes back as a string from postgres.js and as a number from PGlite. */
export const toNumber = (value: unknown): number => Number(value);

export const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
