import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { departments, orderChangeApprovals, orderChanges, orders } from '../db/schema.ts';
import { withDepartment } from '../db/with-department.ts';
import { loadOrderLines } from '../orders/order-lines.ts';
import type { OrderContent } from './order-content.ts';

export type ChangeRow = typeof orderChanges.$inferSelect;
export type ApprovalRow = typeof orderChangeApprovals.$inferSelect;

/** The order's delivery date, payment method and lines as they are now, in the change form's terms. */
export async function loadOrderContent(db: DbOrTx, orderId: number): Promise<OrderContent | null> {
  const [order] = await db
    .select({ deliveryDate: orders.deliveryDate, paymentMethod: orders.paymentMethod })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order) return null;
  const lines = (await loadOrderLines(db, orderId)).map(({ sku, spec, quantity, unitPriceCents }) => ({
    sku,
    spec,
    quantity,
    unitPriceCents,
  }));
  return { ...order, lines };
}

/** The order's open change or cancellation request, if any. */
export async function openChangeOf(db: DbOrTx, orderId: number): Promise<ChangeRow | null> {
  const [row] = await db
    .select()
    .from(orderChanges)
    .where(and(eq(orderChanges.orderId, orderId), eq(orderChanges.state, 'pending')));
  return row ?? null;
}

/** The request the order's change cards show: the open one, else the last one sent. */
export async function latestSentChange(db: DbOrTx, orderId: number): Promise<ChangeRow | null> {
  const [row] = await db
    .select()
    .from(orderChanges)
    .where(and(eq(orderChanges.orderId, orderId), ne(orderChanges.state, 'draft')))
    .orderBy(desc(orderChanges.id))
    .limit(1);
  return row ?? null;
}

/** Every request sent for the order, oldest first: its history. */
export function sentChanges(db: DbOrTx, orderId: number): Promise<ChangeRow[]> {
  return db
    .select()
    .from(orderChanges)
    .where(and(eq(orderChanges.orderId, orderId), ne(orderChanges.state, 'draft')))
    .orderBy(asc(orderChanges.id));
}

/** Each department asked about a request, with its decision so far. */
export function approvalsOf(db: DbOrTx, changeId: number) {
  return withDepartment(db, 'approval', orderChangeApprovals)
    .where(eq(orderChangeApprovals.changeId, changeId))
    .orderBy(asc(departments.name));
}

/** The order's latest revision number: 1 as entered, one more for each change applied. */
export async function currentRevision(db: DbOrTx, orderId: number): Promise<number> {
  const [row] = await db
    .select({ revision: orderChanges.revision })
    .from(orderChanges)
    .where(
      and(
        eq(orderChanges.orderId, orderId),
        eq(orderChanges.kind, 'change'),
        eq(orderChanges.state, 'applied'),
      ),
    )
    .orderBy(desc(orderChanges.revision))
    .limit(1);
  return row?.revision ?? 1;
}
