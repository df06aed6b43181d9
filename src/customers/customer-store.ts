import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers } from '../db/schema.ts';
import { AppError } from '../errors.ts';

export type CustomerRow = typeof customers.$inferSelect;

export async function findCustomer(db: DbOrTx, code: string): Promise<CustomerRow | undefined> {
  const [row] = await db.select().from(customers).where(eq(customers.code, code));
  return row;
}

export async function getCustomer(db: DbOrTx, code: string): Promise<CustomerRow> {
  const row = await findCustomer(db, code);
  if (!row) throw new AppError('not_found', noSuchCustomer(code));
  return row;
}

export const noSuchCustomer = (code: string) =>
  `There is no customer ${code}. Add it with /order customer add ${code}.`;

export const customerExists = (code: string) =>
  `There is already a customer ${code}. Change it with /order customer edit ${code}.`;
