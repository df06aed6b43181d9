import { and, eq } from 'drizzle-orm';
import { permit } from '../auth/permissions.ts';
import type { Actor } from '../auth/roles.ts';
import { mention } from '../blocks/block-kit.ts';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { orderChanges, slackMessages } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findOrder, type OrderRow } from '../orders/order-store.ts';
import { applyChange } from './apply-change.ts';
import { assessAgainst } from './assess-change.ts';
import type { ChangeImpact } from './change-impact.ts';
import { type ChangeRow, openChangeOf } from './change-store.ts';
import { openForApproval } from './open-for-approval.ts';
import type { OrderContent } from './order-content.ts';

export interface ChangeAsked {
  orderId: number;
  after: OrderContent;
  reason: string;
}

export interface Previewed {
  draftId: number;
  order: OrderRow;
  impact: ChangeImpact;
}

/**
 * The requester pressed Preview: the change is assessed against the order as it is now and kept
 * as a draft, versioned against that order, until they send it.
 */
export async function previewChange(
  ctx: UseCaseContext,
  actor: Actor,
  asked: ChangeAsked,
): Promise<Previewed> {
  permit(actor, 'view:change.form');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const order = await findOrder(tx, asked.orderId);
    const { before, impact } = await assessAgainst(ctx, tx, order, asked.after);
    const [draft] = await tx
      .insert(orderChanges)
      .values({
        orderId: order.id,
        kind: 'change',
        state: 'draft',
        requestedBy: actor.userId,
        reason: asked.reason,
        baseVersion: order.version,
        before,
        requested: asked.after,
        impact,
        createdAt: now,
      })
      .returning();
    if (!draft) throw new Error('change draft insert returned no row');
    return { draftId: draft.id, order, impact };
  });
}

export type Sent =
  /** Sent to the departments for approval, or applied at once when none had to agree. */
  | { outcome: 'sent' | 'applied'; order: OrderRow; change: ChangeRow }
  /** The order moved on since the preview: here is the impact on it as it is now; ask again. */
  | { outcome: 'moved_on'; order: OrderRow; impact: ChangeImpact }
  /** Sent already (Slack delivered the submission twice, or a double click). */
  | { outcome: 'repeated'; order: OrderRow; change: ChangeRow };

/**
 * Sends a previewed change. The order must still be at the version the preview was made
 * against; otherwise the draft is assessed again and the requester sees the new state first.
 */
export async function sendChange(ctx: UseCaseContext, actor: Actor, draftId: number): Promise<Sent> {
  permit(actor, 'view:change.confirm');
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [draft] = await tx.select().from(orderChanges).where(eq(orderChanges.id, draftId)).for('update');
      if (!draft || draft.requestedBy !== actor.userId)
        throw new AppError('not_found', 'That change request is gone; open the change form again.');
      const order = await findOrder(tx, draft.orderId);
      if (draft.state !== 'draft') return { outcome: 'repeated', order, change: draft };
      const after = draft.requested as OrderContent;
      if (order.version !== draft.baseVersion) {
        const { before, impact } = await assessAgainst(ctx, tx, order, after);
        await tx
          .update(orderChanges)
          .set({ baseVersion: order.version, before, impact })
          .where(eq(orderChanges.id, draft.id));
        return { outcome: 'moved_on', order, impact };
      }
      const { impact } = await assessAgainst(ctx, tx, order, after);
      if (impact.refusal) throw new AppError('invalid_transition', impact.refusal);
      const errors = impact.findings.filter((f) => f.severity === 'error');
      if (errors.length) throw new AppError('invalid_input', errors.map((f) => f.message).join(' '));
      await refuseSecond(tx, order);
      if (!impact.approvers.length) {
        const applied = await applyChange(tx, now, ctx.timeZone, order, draft, actor.userId);
        return { outcome: 'applied', order: applied, change: draft };
      }
      const moved = await openForApproval(tx, now, order, draft, impact.approvers);
      return { outcome: 'sent', order: moved, change: draft };
    });
  } catch (error) {
    // Two requests for one order raced past the check: the database keeps one open.
    if ((error as { code?: string; cause?: { code?: string } }).cause?.code === '23505') {
      const order = await findOrder(ctx.db, (await draftOrder(ctx.db, draftId)) ?? 0);
      await refuseSecond(ctx.db, order);
    }
    throw error;
  }
}

async function draftOrder(db: DbOrTx, draftId: number): Promise<number | null> {
  const [row] = await db
    .select({ orderId: orderChanges.orderId })
    .from(orderChanges)
    .where(eq(orderChanges.id, draftId));
  return row?.orderId ?? null;
}

/** One open request per order: a second is refused with where to find the first. */
export async function refuseSecond(db: DbOrTx, order: OrderRow): Promise<void> {
  const open = await openChangeOf(db, order.id);
  if (!open) return;
  const [card] = await db
    .select({ channel: slackMessages.channel })
    .from(slackMessages)
    .where(and(eq(slackMessages.orderId, order.id), eq(slackMessages.card, 'change')))
    .limit(1);
  const what = open.kind === 'cancel' ? 'a cancellation' : 'a change';
  const where = card ? ` Its card is in <#${card.channel}>.` : '';
  throw new AppError(
    'conflict',
    `${order.number} already has ${what} waiting for approval, requested by ${mention(open.requestedBy)}: “${open.reason}”.${where} One request at a time: wait until it is decided.`,
  );
}
