import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { UseCaseContext } from '../../context.ts';
import { intakeDrafts } from '../../db/schema.ts';
import type { OrderDraft } from '../order-draft.ts';

/**
 * Drafts waiting for the admin to confirm past review warnings. Slack does not hand the pushed
 * confirmation view the state of the modal below it, so the draft waits here, keyed by an id the
 * confirmation view carries, and only its author can take it.
 */
export async function keepForConfirmation(
  ctx: UseCaseContext,
  userId: string,
  intakeKey: string,
  draft: OrderDraft,
): Promise<string> {
  const id = randomUUID();
  await ctx.db
    .insert(intakeDrafts)
    .values({ id, userId, viewId: intakeKey, draft, createdAt: ctx.clock.now() });
  return id;
}

export async function findPendingDraft(
  ctx: UseCaseContext,
  id: string,
  userId: string,
): Promise<{ id: string; intakeKey: string; draft: OrderDraft } | null> {
  const [row] = await ctx.db
    .select()
    .from(intakeDrafts)
    .where(and(eq(intakeDrafts.id, id), eq(intakeDrafts.userId, userId)));
  return row ? { id: row.id, intakeKey: row.viewId, draft: row.draft as OrderDraft } : null;
}

export async function dropPendingDraft(ctx: UseCaseContext, id: string): Promise<void> {
  await ctx.db.delete(intakeDrafts).where(eq(intakeDrafts.id, id));
}
