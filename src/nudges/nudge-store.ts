import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toDate, toNumber } from '../db/rows.ts';
import { assignments, departments, orders } from '../db/schema.ts';
import { selectOrders } from '../orders/select-orders.ts';
import { stepUnderWay } from '../orders/status-sets.ts';
import { selectSteps } from '../routing/open-work.ts';

/** The states of an order that has not left the building; the partial index orders_unshipped_due_idx holds them. */
export const unshippedStates = ['received', 'confirmed', 'allocated', 'in_production', 'ready', 'on_hold'];

/** What a delivery nudge says and where it goes: the owner, and the departments working on it now. */
export interface DeliverySubject {
  orderId: number;
  number: string;
  status: string;
  deliveryDate: string;
  ownerId: string;
  customerName: string;
  channels: string[];
}

export async function loadDeliverySubject(tx: DbOrTx, orderId: number): Promise<DeliverySubject | null> {
  const [order] = await selectOrders(tx, {
    status: orders.status,
    deliveryDate: orders.deliveryDate,
    ownerId: orders.ownerId,
  }).where(eq(orders.id, orderId));
  if (!order) return null;
  const steps = await tx
    .selectDistinct({ channelId: departments.channelId })
    .from(assignments)
    .innerJoin(departments, eq(departments.id, assignments.departmentId))
    .where(and(eq(assignments.orderId, orderId), stepUnderWay));
  const channels = steps.flatMap((s) => (s.channelId ? [s.channelId] : []));
  return { orderId, ...order, channels };
}

/** A step waiting to be accepted, with who should take it and who answers for the department. */
export interface AcceptSubject {
  status: string;
  assigneeId: string | null;
  openedAt: Date | null;
  departmentName: string;
  managerId: string | null;
  number: string;
  customerName: string;
  deliveryDate: string;
}

export async function loadAcceptSubject(tx: DbOrTx, assignmentId: number): Promise<AcceptSubject | null> {
  const [row] = await selectSteps(tx, {
    assigneeId: assignments.assigneeId,
    openedAt: assignments.openedAt,
    managerId: departments.managerId,
  }).where(eq(assignments.id, assignmentId));
  return row ?? null;
}

/** How many candidates one sweep takes at most; the next sweep takes the rest. */
const sweepLimit = 1000;

/**
 * Orders not shipped whose delivery date is on or before `horizon` and that have no delivery
 * nudge for that date yet: a range of the partial index, and one key probe each.
 */
export async function ordersWithoutNudge(
  tx: DbOrTx,
  horizon: string,
  kind: string,
): Promise<{ orderId: number; deliveryDate: string }[]> {
  const rows = await queryRows<{ id: unknown; delivery_date: unknown }>(
    tx,
    sql`select o.id, o.delivery_date::text as delivery_date from orders o
      where o.status in (${sql.join(
        unshippedStates.map((s) => sql`${s}`),
        sql`, `,
      )})
        and o.delivery_date <= ${horizon}::date
        and not exists (select 1 from scheduled_jobs j
          where j.kind = ${kind} and j.key = 'order:' || o.id || ':' || o.delivery_date::text)
      order by o.delivery_date
      limit ${sweepLimit}`,
  );
  return rows.map((r) => ({ orderId: toNumber(r.id), deliveryDate: String(r.delivery_date) }));
}

/** Steps open (not accepted) since before `openedBefore`, with an assignee and no nudge yet. */
export async function stepsWithoutNudge(
  tx: DbOrTx,
  openedBefore: Date,
  kind: string,
): Promise<{ assignmentId: number; openedAt: Date }[]> {
  const rows = await queryRows<{ id: unknown; opened_at: unknown }>(
    tx,
    sql`select a.id, a.opened_at from assignments a
      where a.status = 'open' and a.opened_at <= ${openedBefore.toISOString()}::timestamptz
        and a.assignee_id is not null
        and not exists (select 1 from scheduled_jobs j
          where j.kind = ${kind}
            and j.key = 'step:' || a.id || ':' || (extract(epoch from a.opened_at) * 1000)::bigint)
      order by a.opened_at
      limit ${sweepLimit}`,
  );
  return rows.map((r) => ({ assignmentId: toNumber(r.id), openedAt: toDate(r.opened_at) }));
}
