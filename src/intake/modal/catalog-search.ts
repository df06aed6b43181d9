import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { customers, products } from '../../db/schema.ts';

/** Slack shows at most 100 options; a short list the admin can read is kinder. */
const shown = 25;
/** pg_trgm needs three characters to find a fragment inside a word through its index. */
const trigram = 3;

/** `%` and `_` typed by the admin are searched for literally, not as wildcards. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Records whose key (customer code, SKU) starts with what the admin typed, in key order; then,
 * if the list is not full, those whose key or name contains it (or, for one or two characters,
 * whose name starts with it). Slack asks on every keystroke, so each part is an index range:
 * the key's start through `lower(key) collate "C"`, fragments through the trigram indexes
 * (drizzle/0006_search_trigrams.sql). The second part is sorted by an expression no index
 * gives, on purpose: walking the key index while filtering by name costs a scan of the table
 * when the matches sit late in key order.
 */
function catalogSearch(table: SQL, key: PgColumn, name: PgColumn, extra: SQL, typed: string): SQL {
  const raw = typed.trim().slice(0, 100);
  const q = literal(raw);
  const startsWithKey = sql`lower(${key}) collate "C" >= lower(${raw}) and lower(${key}) collate "C" < lower(${raw}) || chr(1114111)`;
  const elsewhere =
    raw.length >= trigram
      ? sql`(${name} ilike ${`%${q}%`} or ${key} ilike ${`%${q}%`})`
      : sql`${name} ilike ${`${q}%`}`;
  return sql`with by_key as (
      select ${key} as key, ${name} as name, ${extra} as extra from ${table}
      where ${startsWithKey} order by lower(${key}) collate "C" limit ${shown})
    select key, name, extra from by_key
    union all
    (select ${key}, ${name}, ${extra} from ${table}
      where (select count(*) from by_key) < ${shown} and ${elsewhere} and not (${startsWithKey})
      order by ${key} || '' limit ${shown})
    limit ${shown}`;
}

interface Found {
  key: string;
  name: string;
  extra: unknown;
}

/** Customers for the order modal's customer search: codes that start with it first. */
export async function searchCustomers(db: DbOrTx, typed: string): Promise<{ code: string; name: string }[]> {
  const rows = await queryRows<Found>(
    db,
    catalogSearch(sql`customers`, customers.code, customers.name, sql`null`, typed),
  );
  return rows.map((r) => ({ code: r.key, name: r.name }));
}

/** Products for a line's product search: SKUs that start with it first, then any segment of one. */
export async function searchProducts(
  db: DbOrTx,
  typed: string,
): Promise<{ sku: string; name: string; listPriceCents: number }[]> {
  const rows = await queryRows<Found>(
    db,
    catalogSearch(sql`products`, products.sku, products.name, sql`${products.listPriceCents}`, typed),
  );
  return rows.map((r) => ({ sku: r.key, name: r.name, listPriceCents: Number(r.extra) }));
}
