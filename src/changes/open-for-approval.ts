import { and, eq } from 'drizzle-orm';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import type { DbOrTx } from '../db/client.ts';
import { departments, orderChangeApprovals, orderChanges, slackMessages } from '../db/schema.ts';
import { moveOrder } from '../orders/move-order.ts';
import { showOrderCard } from '../orders/order-cards.ts';
import { appendOrderEvent, type OrderRow } from '../orders/order-store.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import type { Approver } from './change-impact.ts';
import type { ChangeRow } from './change-store.ts';
import { andList } from './change-words.ts';

/**
 * Sends a change or cancellation to the departments that must agree: one approval row each, a
 * change card with Approve / Reject in each one's channel, and "change pending" on every card of
 * the order (its version moves on, so the cards are drawn again with a thread line).
 */
export async function openForApproval(
  tx: DbOrTx,
  now: Date,
  order: OrderRow,
  change: ChangeRow,
  approvers: readonly Approver[],
): Promise<OrderRow> {
  await tx
    .update(orderChanges)
    .set({ state: 'pending', baseVersion: order.version })
    .where(eq(orderChanges.id, change.id));
  await tx
    .insert(orderChangeApprovals)
    .values(approvers.map((a) => ({ changeId: change.id, departmentId: a.departmentId })));
  await appendOrderEvent(tx, order.id, change.requestedBy, now, {
    type: 'change_requested',
    data: {
      changeId: change.id,
      kind: change.kind,
      reason: change.reason,
      approvers: approvers.map((a) => a.name),
    },
  });
  // A new request gets new cards; the cards of an earlier one keep showing how it ended.
  await tx
    .delete(slackMessages)
    .where(and(eq(slackMessages.orderId, order.id), eq(slackMessages.card, 'change')));
  const what = change.kind === 'cancel' ? 'asked to cancel it' : 'requested a change';
  const waiting = andList(approvers.map((a) => escapeMrkdwn(a.name)));
  const line = `:hourglass_flowing_sand: ${mention(change.requestedBy)} ${what}: ${escapeMrkdwn(change.reason)} — waiting for ${waiting}`;
  const moved = await moveOrder(tx, {
    now,
    order,
    expectedVersion: order.version,
    actor: change.requestedBy,
    line,
  });
  for (const a of approvers) {
    const [department] = await tx.select().from(departments).where(eq(departments.id, a.departmentId));
    if (department?.channelId) await showOrderCard(tx, now, moved, department.channelId, 'change');
    else
      await enqueue(tx, now, [
        textMessage(
          `change:no-channel:${change.id}:${a.departmentId}`,
          change.requestedBy,
          `:warning: ${order.number}: ${escapeMrkdwn(a.name)} must approve your request but has no Slack channel. Ask an admin to give it one.`,
        ),
      ]);
  }
  return moved;
}
