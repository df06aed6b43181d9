import { desc, eq, like } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { orders } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { orderNumberPattern } from './order-number.ts';
import type { OrderRow } from './order-store.ts';

/** A bare sequence number, as people say "order 4". */
const bareSequence = /^\d{1,9}$/;

/**
 * The order number a person typed after `/order show` or `/order status`: a full
 * `SO-2026-000004`, or just `4` — the latest order whose number ends in that sequence, since
 * people read the short end off a card. Refused with `usage` when it is neither.
 */
export async function resolveOrderNumber(db: DbOrTx, typed: string, usage: string): Promise<string> {
  const text = typed.trim().toUpperCase();
  if (orderNumberPattern.test(text)) return text;
  if (!bareSequence.test(text)) {
    throw new AppError(
      'invalid_input',
      `Say which order, e.g. \`${usage} SO-2026-000123\` or \`${usage} 123\`.`,
    );
  }
  const ending = `-${text.padStart(6, '0')}`;
  const [latest] = await db
    .select({ number: orders.number })
    .from(orders)
    .where(like(orders.number, `SO-____${ending}`))
    .orderBy(desc(orders.id))
    .limit(1);
  if (!latest) throw new AppError('not_found', `There is no order numbered …${ending}.`);
  return latest.number;
}

/** The order a person named after a command (see resolveOrderNumber), or not found in words. */
export async function findOrderByReference(db: DbOrTx, typed: string, usage: string): Promise<OrderRow> {
  const number = await resolveOrderNumber(db, typed, usage);
  const [order] = await db.select().from(orders).where(eq(orders.number, number));
  if (!order) throw new AppError('not_found', `There is no order ${number}.`);
  return order;
}
