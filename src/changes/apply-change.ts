import { and, eq } from 'drizzle-orm';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import { calendarDate } from '../calendar.ts';
import { offerCustomerMessage } from '../customer-messages/offer-customer-message.ts';
import type { DbOrTx } from '../db/client.ts';
import { assignments, orderChanges, orderLines } from '../db/schema.ts';
import { withDepartment } from '../db/with-department.ts';
import { moveOrder } from '../orders/move-order.ts';
import { refreshOrderCards } from '../orders/order-cards.ts';
import { appendOrderEvent, type OrderRow, updateOrderAtVersion } from '../orders/order-store.ts';
import { productIds } from '../orders/product-ids.ts';
import { stepToDo } from '../orders/status-sets.ts';
import { enqueue, textMessage } from '../outbox/enqueue.ts';
import { earliestFit } from '../routing/capacity.ts';
import { departmentLoad } from '../routing/capacity-store.ts';
import { cancelJobsOfOrder } from '../scheduler/cancel-order-jobs.ts';
import { diffContent } from './change-diff.ts';
import { type ChangeRow, currentRevision, loadOrderContent } from './change-store.ts';
import { diffLines } from './change-words.ts';
import { contentTotalCents, contentUnits, orderContent } from './order-content.ts';

/**
 * Makes an agreed change the order's next revision: its lines, date and payment as asked, its
 * version bumped, the departments' steps re-dated and their capacity checked again, a `revised`
 * event with the field-by-field diff, every card redrawn with the diff in its thread, and the
 * requester told. If the order's content moved on since the request (another way of changing
 * it), the change is not applied over it but closed, and the requester asked to send it again.
 */
export async function applyChange(
  tx: DbOrTx,
  now: Date,
  timeZone: string,
  order: OrderRow,
  change: ChangeRow,
  actor: string,
): Promise<OrderRow> {
  const before = orderContent.parse(change.before);
  const after = orderContent.parse(change.requested);
  const current = await loadOrderContent(tx, order.id);
  if (JSON.stringify(current) !== JSON.stringify(before)) {
    const why = `${order.number} changed in another way since the request; send it again against the order as it is now.`;
    await tx
      .update(orderChanges)
      .set({ state: 'rejected', outcome: why, decidedAt: now })
      .where(eq(orderChanges.id, change.id));
    await tellRequester(tx, now, change, `:warning: Your change to ${order.number} was not applied: ${why}`);
    return moveOrder(tx, {
      now,
      order,
      expectedVersion: order.version,
      actor,
      line: `:warning: The change was not applied: ${why}`,
    });
  }
  const skus = [...new Set(after.lines.map((l) => l.sku))];
  const ids = await productIds(tx, skus);
  await tx.delete(orderLines).where(eq(orderLines.orderId, order.id));
  await tx.insert(orderLines).values(
    after.lines.map((l, i) => ({
      orderId: order.id,
      lineNo: i + 1,
      productId: ids.get(l.sku) ?? 0,
      spec: l.spec,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      amountCents: l.quantity * l.unitPriceCents,
    })),
  );
  const revision = (await currentRevision(tx, order.id)) + 1;
  const updated = await updateOrderAtVersion(tx, order.id, order.version, now, {
    deliveryDate: after.deliveryDate,
    paymentMethod: after.paymentMethod,
    totalCents: contentTotalCents(after),
  });
  await redateSteps(tx, calendarDate(now, timeZone), order.id, after.deliveryDate, contentUnits(after));
  const diff = diffContent(before, after);
  await appendOrderEvent(tx, order.id, actor, now, {
    type: 'revised',
    data: { changeId: change.id, revision, reason: change.reason, diff },
  });
  await tx
    .update(orderChanges)
    .set({ state: 'applied', revision, decidedAt: now })
    .where(eq(orderChanges.id, change.id));
  const head = `:pencil2: *Revision ${revision}* (${mention(change.requestedBy)}: ${escapeMrkdwn(change.reason)})`;
  await refreshOrderCards(tx, now, updated, `${head}\n${diffLines(diff)}`);
  await tellRequester(
    tx,
    now,
    change,
    `:white_check_mark: Your change to ${order.number} is applied: revision ${revision}.\n${diffLines(diff)}`,
  );
  await offerCustomerMessage(tx, now, {
    orderId: order.id,
    reason: 'change_applied',
    key: `change_applied:${change.id}`,
    what: diff.map((d) => `${d.field} ${d.before} → ${d.after}`).join('; '),
    newDate: after.deliveryDate !== before.deliveryDate ? after.deliveryDate : null,
  });
  return updated;
}

/** Cancels the order for an agreed (or unneeded-approval) cancellation request. */
export async function applyCancel(
  tx: DbOrTx,
  now: Date,
  order: OrderRow,
  change: ChangeRow,
  actor: string,
): Promise<OrderRow> {
  const cancelled = await moveOrder(tx, {
    now,
    order,
    expectedVersion: order.version,
    steps: [{ action: 'cancel', reason: change.reason }],
    actor,
  });
  await cancelJobsOfOrder(tx, order.id, now);
  await tx
    .update(orderChanges)
    .set({ state: 'applied', decidedAt: now })
    .where(eq(orderChanges.id, change.id));
  if (change.requestedBy !== actor)
    await tellRequester(
      tx,
      now,
      change,
      `:x: ${order.number} is cancelled, as you asked: ${escapeMrkdwn(change.reason)}`,
    );
  await offerCustomerMessage(tx, now, {
    orderId: order.id,
    reason: 'cancelled',
    key: `cancelled:${order.id}`,
    what: change.reason,
  });
  return cancelled;
}

/** The steps still to do follow the order's new size and date; a department too full is flagged again. */
async function redateSteps(tx: DbOrTx, today: string, orderId: number, dueOn: string, units: number) {
  // In department order: each update adds to that department's running load (department_loads)
  // and holds its row to COMMIT, so two changes redating steps lock departments in one order.
  const steps = await withDepartment(tx, 'assignment', assignments)
    .where(and(eq(assignments.orderId, orderId), stepToDo))
    .orderBy(assignments.departmentId, assignments.step);
  for (const { assignment, department } of steps) {
    const fitsOn =
      department.dailyCapacity > 0
        ? earliestFit({
            today,
            dueOn,
            amount: department.capacityUnit === 'units' ? (units * (100 - assignment.progress)) / 100 : 1,
            dailyCapacity: department.dailyCapacity,
            load: await departmentLoad(tx, department.id, department.capacityUnit, orderId),
          })
        : null;
    await tx.update(assignments).set({ units, dueOn, fitsOn }).where(eq(assignments.id, assignment.id));
  }
}

async function tellRequester(tx: DbOrTx, now: Date, change: ChangeRow, text: string) {
  await enqueue(tx, now, [textMessage(`change:told:${change.id}`, change.requestedBy, text)]);
}
