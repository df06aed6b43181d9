import { eq } from 'drizzle-orm';
import { type Actor, requireRole } from '../auth/roles.ts';
import { customers } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { UseCaseContext } from '../orders/order-context.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { customerSavedMessage } from './customer-card.ts';
import type { CustomerInput } from './customer-input.ts';
import { type CustomerRow, getCustomer, noSuchCustomer } from './customer-store.ts';
import { savedNotice } from './saved-notice.ts';

/** The customer an admin is about to edit; refuses anyone else before a form is shown. */
export async function customerToEdit(ctx: UseCaseContext, actor: Actor, code: string): Promise<CustomerRow> {
  requireRole(actor, ['admin'], 'edit customers');
  return getCustomer(ctx.db, code);
}

/** An admin changes a customer, found by its code (which itself does not change). */
export async function editCustomer(
  ctx: UseCaseContext,
  actor: Actor,
  input: CustomerInput,
): Promise<CustomerRow> {
  requireRole(actor, ['admin'], 'edit customers');
  const now = ctx.clock.now();
  const { code, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(customers)
      .set({ ...changes, updatedAt: now })
      .where(eq(customers.code, code))
      .returning();
    if (!row) throw new AppError('not_found', noSuchCustomer(code));
    await enqueue(tx, now, [savedNotice(actor.userId, 'customer', customerSavedMessage(row, 'updated'))]);
    return row;
  });
}
