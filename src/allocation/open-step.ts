import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { assignments } from '../db/schema.ts';
import { showOrderCard } from '../orders/order-cards.ts';
import type { OrderRow } from '../orders/order-store.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { escapeMrkdwn } from '../slack/block-kit.ts';
import { pickPerson } from './allocation-rules.ts';
import { type AssignmentRow, candidatesIn, type DepartmentRow, lastAssignee } from './allocation-store.ts';

/**
 * Hands a step to its department: someone is picked by the strategy its rule gave the step (or nobody, and it
 * waits in the department's queue), and the order's card goes to the department's channel. The
 * order's owner hears of anything that keeps the step from being seen.
 */
export async function openStep(
  tx: DbOrTx,
  now: Date,
  order: OrderRow,
  assignment: AssignmentRow,
  department: DepartmentRow,
): Promise<void> {
  const assignee = pickPerson(
    { department: department.key, pick: assignment.pick, personId: assignment.fixedPersonId ?? undefined },
    await candidatesIn(tx, department.id),
    await lastAssignee(tx, department.id),
  );
  await tx
    .update(assignments)
    .set({ status: 'open', assigneeId: assignee, openedAt: now })
    .where(eq(assignments.id, assignment.id));
  const name = escapeMrkdwn(department.name);
  if (department.channelId) await showOrderCard(tx, now, order, department.channelId);
  else
    await tellOwner(
      tx,
      now,
      order,
      `no-channel:${department.id}`,
      `${order.number} went to ${name}, which has no Slack channel yet.`,
    );
  if (!assignee) {
    await tellOwner(
      tx,
      now,
      order,
      `unassigned:${department.id}`,
      `${order.number} waits unassigned in ${name}'s queue: nobody there is available (no members, or all away).`,
    );
  }
}

/** A note for the order's owner (the admin who entered it). */
export async function tellOwner(
  tx: DbOrTx,
  now: Date,
  order: OrderRow,
  what: string,
  text: string,
): Promise<void> {
  await enqueue(tx, now, [
    {
      key: `allocation:${what}:${order.id}:v${order.version}`,
      channel: order.ownerId,
      effect: { kind: 'message', v: 1, message: { text: `:warning: ${text}` } },
    },
  ]);
}
