import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { AppError } from '../errors.ts';
import type { ReportFilter } from './report-request.ts';

export interface ResolvedFilter {
  kind: 'customer' | 'product' | 'department';
  id: number;
  name: string;
}

/** Per kind: its table, the short name people type (code, SKU, key) and its full name. */
const tables = {
  customer: { table: sql`customers`, short: sql`code`, long: sql`name` },
  product: { table: sql`products`, short: sql`sku`, long: sql`name` },
  department: { table: sql`departments`, short: sql`key`, long: sql`name` },
} as const;

/**
 * The record a report's filter names, by its code (SKU, key) or its name in any case. An unknown
 * name is refused with the closest names on record (trigram similarity), so a typo costs one retry.
 */
export async function resolveFilter(db: DbOrTx, filter: NonNullable<ReportFilter>): Promise<ResolvedFilter> {
  const { table, short, long } = tables[filter.kind];
  const [found] = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, ${long} as name from ${table}
      where lower(${short}) = lower(${filter.name}) or lower(${long}) = lower(${filter.name}) limit 1`,
  );
  if (found) return { kind: filter.kind, id: Number(found.id), name: found.name };
  const closest = await queryRows<{ short: string }>(
    db,
    sql`select ${short} as short from ${table}
      order by greatest(similarity(${short}, ${filter.name}), similarity(${long}, ${filter.name})) desc, ${short}
      limit 3`,
  );
  const suggestion = closest.length
    ? ` Did you mean ${closest.map((c) => `\`${c.short}\``).join(', ')}?`
    : '';
  throw new AppError('not_found', `There is no ${filter.kind} "${filter.name}".${suggestion}`);
}
