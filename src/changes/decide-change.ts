import { and, eq, isNull } from 'drizzle-orm';
import { changeDecision } from '../auth/permissions.ts';
import { type Actor, requireDepartment } from '../auth/roles.ts';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import type { UseCaseContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { departments, orderChangeApprovals, orderChanges } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { moveOrder } from '../orders/move-order.ts';
import { appendOrderEvent, findOrder, type OrderRow } from '../orders/order-store.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import { applyCancel, applyChange } from './apply-change.ts';
import { describeDecision } from './change-card.ts';
import { approvalsOf } from './change-store.ts';
import { andList } from './change-words.ts';

export interface Decision {
  changeId: number;
  /** The department whose card was pressed. */
  departmentId: number;
  decision: 'approved' | 'rejected';
  reason?: string;
}

/**
 * A department's Approve or Reject on a change card. Only its members, its manager and admins
 * decide; each department once. A rejection ends the request; the last approval applies it.
 */
export async function decideChange(ctx: UseCaseContext, actor: Actor, d: Decision): Promise<OrderRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { change, department, order, asked } = await guardDecision(tx, actor, d);
    const [decided] = await tx
      .update(orderChangeApprovals)
      .set({ decision: d.decision, decidedBy: actor.userId, reason: d.reason ?? null, decidedAt: now })
      .where(
        and(
          eq(orderChangeApprovals.changeId, change.id),
          eq(orderChangeApprovals.departmentId, department.id),
          isNull(orderChangeApprovals.decision),
        ),
      )
      .returning();
    if (!decided)
      throw new AppError(
        'conflict',
        `${mention(asked.decidedBy ?? '')} ${describeDecision(asked.decision)} it for ${department.name} already.`,
      );
    await appendOrderEvent(tx, order.id, actor.userId, now, {
      type: 'change_decided',
      data: {
        changeId: change.id,
        department: department.name,
        decision: d.decision,
        ...(d.reason ? { reason: d.reason } : {}),
      },
    });
    const dept = escapeMrkdwn(department.name);
    const what = change.kind === 'cancel' ? 'the cancellation' : 'the change';
    if (d.decision === 'rejected') {
      const why = escapeMrkdwn(d.reason ?? '');
      await tx
        .update(orderChanges)
        .set({ state: 'rejected', outcome: d.reason ?? null, decidedAt: now })
        .where(eq(orderChanges.id, change.id));
      await enqueue(tx, now, [
        textMessage(
          `change:told:${change.id}`,
          change.requestedBy,
          `:x: ${mention(actor.userId)} rejected ${what} of ${order.number} for ${dept}: ${why}`,
        ),
      ]);
      return moveOrder(tx, {
        now,
        order,
        expectedVersion: order.version,
        actor: actor.userId,
        line: `:x: ${mention(actor.userId)} rejected ${what} for ${dept}: ${why}`,
      });
    }
    const waiting = (await approvalsOf(tx, change.id)).filter((a) => !a.approval.decision);
    if (waiting.length) {
      const names = andList(waiting.map((w) => escapeMrkdwn(w.department.name)));
      return moveOrder(tx, {
        now,
        order,
        expectedVersion: order.version,
        actor: actor.userId,
        line: `:white_check_mark: ${mention(actor.userId)} approved ${what} for ${dept}; waiting for ${names}`,
      });
    }
    return change.kind === 'cancel'
      ? applyCancel(tx, now, order, change, actor.userId)
      : applyChange(tx, now, ctx.timeZone, order, change, actor.userId);
  });
}

/** Checks that `actor` may decide for the card's department now, before the Reject form opens. */
export async function checkDecision(
  ctx: UseCaseContext,
  actor: Actor,
  d: Pick<Decision, 'changeId' | 'departmentId'>,
): Promise<void> {
  await guardDecision(ctx.db, actor, d);
}

/** Who may decide, on a request still open, for a department it asks and that has not decided. */
async function guardDecision(tx: DbOrTx, actor: Actor, d: Pick<Decision, 'changeId' | 'departmentId'>) {
  const [change] = await tx.select().from(orderChanges).where(eq(orderChanges.id, d.changeId)).for('update');
  const [department] = await tx.select().from(departments).where(eq(departments.id, d.departmentId));
  if (!change || !department) throw new AppError('not_found', 'That change request no longer exists.');
  if (department.managerId !== actor.userId)
    requireDepartment(actor, department.id, department.name, changeDecision.what);
  const order = await findOrder(tx, change.orderId);
  if (change.state !== 'pending')
    throw new AppError('conflict', `This request for ${order.number} was ${change.state} already.`);
  const [asked] = await tx
    .select()
    .from(orderChangeApprovals)
    .where(
      and(eq(orderChangeApprovals.changeId, change.id), eq(orderChangeApprovals.departmentId, department.id)),
    );
  if (!asked) throw new AppError('invalid_input', `${department.name} is not asked about this request.`);
  if (asked.decision)
    throw new AppError(
      'conflict',
      `${mention(asked.decidedBy ?? '')} ${describeDecision(asked.decision)} it for ${department.name} already.`,
    );
  return { change, department, order, asked };
}
