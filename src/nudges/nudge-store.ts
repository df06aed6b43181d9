import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toDate, toNumber } from '../db/rows.ts';
import { assignments, departments, orders } from '../db/schema.ts';
import { selectOrders } from '../orders/select-orders.ts';
import { stepUnderWay } from '../orders/status-sets.ts';
import { selectSteps } from '../routing/open-work.ts';
import { nudgeKinds } from './nudge-ids.ts';

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
 * Up to `sweepLimit` candidates, first by `orderBy`, that have no nudge of `kind` yet: `jobKey`
 * is the key a candidate's nudge job has, in SQL, as nudge-ids.ts makes it in TypeScript.
 */
function withoutNudge<Row>(
  tx: DbOrTx,
  kind: string,
  q: { select: SQL; where: SQL; jobKey: SQL; orderBy: SQL },
): Promise<Row[]> {
  return queryRows<Row>(
    tx,
    sql`${q.select}
      where ${q.where}
        and not exists (select 1 from scheduled_jobs j where j.kind = ${kind} and j.key = ${q.jobKey})
      order by ${q.orderBy}
      limit ${sweepLimit}`,
  );
}

/** An order a delivery nudge is due for. */
export interface DueOrder {
  orderId: number;
  deliveryDate: string;
}

/**
 * Orders not shipped whose delivery date is on or before `horizon` and that have no delivery
 * nudge for that date yet: a range of the partial index, and one key probe each.
 */
export async function ordersWithoutNudge(tx: DbOrTx, horizon: string): Promise<DueOrder[]> {
  const rows = await withoutNudge<{ id: unknown; delivery_date: unknown }>(tx, nudgeKinds.delivery, {
    select: sql`select o.id, o.delivery_date::text as delivery_date from orders o`,
    where: sql`o.status in (${sql.join(
      unshippedStates.map((s) => sql`${s}`),
      sql`, `,
    )}) and o.delivery_date <= ${horizon}::date`,
    jobKey: sql`'order:' || o.id || ':' || o.delivery_date::text`,
    orderBy: sql`o.delivery_date`,
  });
  return rows.map((r) => ({ orderId: toNumber(r.id), deliveryDate: String(r.delivery_date) }));
}

/** A step an accept nudge is due for. */
export interface WaitingStep {
  assignmentId: number;
  openedAt: Date;
}

/** Steps open (not accepted) since before `openedBefore`, with an assignee and no nudge yet. */
export async function stepsWithoutNudge(tx: DbOrTx, openedBefore: Date): Promise<WaitingStep[]> {
  const rows = await withoutNudge<{ id: unknown; opened_at: unknown }>(tx, nudgeKinds.accept, {
    select: sql`select a.id, a.opened_at from assignments a`,
    where: sql`a.status = 'open' and a.opened_at <= ${openedBefore.toISOString()}::timestamptz
      and a.assignee_id is not null`,
    jobKey: sql`'step:' || a.id || ':' || (extract(epoch from a.opened_at) * 1000)::bigint`,
    orderBy: sql`a.opened_at`,
  });
  return rows.map((r) => ({ assignmentId: toNumber(r.id), openedAt: toDate(r.opened_at) }));
}
