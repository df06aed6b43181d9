import { asc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { exceptions, orders } from '../db/schema.ts';

/** An exception still open, as the summary counts it. */
export interface OpenException {
  orderId: number;
  number: string;
  severity: string;
  openedAt: Date;
}

/** Problems not resolved yet (acknowledged or not), oldest first: the partial index holds just these. */
export async function openExceptions(db: DbOrTx): Promise<OpenException[]> {
  return db
    .select({
      orderId: exceptions.orderId,
      number: orders.number,
      severity: exceptions.severity,
      openedAt: exceptions.raisedAt,
    })
    .from(exceptions)
    .innerJoin(orders, eq(orders.id, exceptions.orderId))
    .where(ne(exceptions.status, 'resolved'))
    .orderBy(asc(exceptions.raisedAt));
}
