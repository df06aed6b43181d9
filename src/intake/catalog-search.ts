import { asc, desc, ilike, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers, products } from '../db/schema.ts';

/** Slack shows at most 100 options; a short list the admin can read is kinder. */
const shown = 25;

/** `%` and `_` typed by the admin are searched for literally, not as wildcards. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Customers whose code starts with, or whose name contains, what the admin typed; codes first. */
export async function searchCustomers(db: DbOrTx, typed: string): Promise<{ code: string; name: string }[]> {
  const q = literal(typed.trim().slice(0, 100));
  return db
    .select({ code: customers.code, name: customers.name })
    .from(customers)
    .where(or(ilike(customers.code, `${q}%`), ilike(customers.name, `%${q}%`)))
    .orderBy(desc(sql`${customers.code} ilike ${`${q}%`}`), asc(customers.code))
    .limit(shown);
}

/** Products whose sku starts with, or whose name contains, what the admin typed; skus first. */
export async function searchProducts(
  db: DbOrTx,
  typed: string,
): Promise<{ sku: string; name: string; listPriceCents: number }[]> {
  const q = literal(typed.trim().slice(0, 100));
  return db
    .select({ sku: products.sku, name: products.name, listPriceCents: products.listPriceCents })
    .from(products)
    .where(or(ilike(products.sku, `${q}%`), ilike(products.name, `%${q}%`)))
    .orderBy(desc(sql`${products.sku} ilike ${`${q}%`}`), asc(products.sku))
    .limit(shown);
}
