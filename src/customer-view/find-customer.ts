import { eq, ilike, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers } from '../db/schema.ts';
import { AppError } from '../errors.ts';

export type CustomerRow = typeof customers.$inferSelect;

/** `%` and `_` typed into a name are letters, not wildcards. */
const likeText = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The customer someone named: by code, else the one whose name contains what was typed. Several
 * matches are listed to choose from; none gets the closest names suggested.
 */
export async function findCustomer(db: DbOrTx, typed: string): Promise<CustomerRow> {
  const words = typed.trim();
  if (!words)
    throw new AppError('invalid_input', 'Say which customer: `/order customer ACME` or part of its name.');
  const [byCode] = await db.select().from(customers).where(eq(customers.code, words.toUpperCase()));
  if (byCode) return byCode;
  const byName = await db
    .select()
    .from(customers)
    .where(ilike(customers.name, `%${likeText(words)}%`))
    .orderBy(customers.name)
    .limit(6);
  const [only] = byName;
  if (only && byName.length === 1) return only;
  if (byName.length > 1) {
    const shown = byName.slice(0, 5).map((c) => `${c.code} (${c.name})`);
    throw new AppError(
      'invalid_input',
      `Several customers match “${words}”: ${shown.join(', ')}${byName.length > 5 ? ', …' : ''}. Give the code.`,
    );
  }
  const close = await db
    .select({ code: customers.code, name: customers.name })
    .from(customers)
    .where(
      sql`similarity(${customers.name}, ${words}) > 0.2 or similarity(${customers.code}, ${words}) > 0.2`,
    )
    .orderBy(
      sql`greatest(similarity(${customers.name}, ${words}), similarity(${customers.code}, ${words})) desc`,
    )
    .limit(3);
  const suggestion = close.length
    ? ` Did you mean ${close.map((c) => `${c.code} (${c.name})`).join(', ')}?`
    : '';
  throw new AppError('not_found', `There is no customer “${words}”.${suggestion}`);
}
