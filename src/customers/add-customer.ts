import type { Actor } from '../auth/roles.ts';
import { requireRole } from '../auth/roles.ts';
import { customers } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { UseCaseContext } from '../orders/order-context.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { customerSavedMessage } from './customer-card.ts';
import type { CustomerInput } from './customer-input.ts';
import { type CustomerRow, customerExists } from './customer-store.ts';
import { savedNotice } from './saved-notice.ts';

/** An admin adds a customer; the admin is told by DM once it is stored. */
export async function addCustomer(
  ctx: UseCaseContext,
  actor: Actor,
  input: CustomerInput,
): Promise<CustomerRow> {
  requireRole(actor, ['admin'], 'add customers');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The unique index decides, so two admins adding the same code at once cannot both win.
    const [row] = await tx
      .insert(customers)
      .values({ ...input, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: customers.code })
      .returning();
    if (!row) throw new AppError('conflict', customerExists(input.code));
    await enqueue(tx, now, [savedNotice(actor.userId, 'customer', customerSavedMessage(row, 'added'))]);
    return row;
  });
}
