import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { assignments } from '../db/schema.ts';
import { stepToDo } from '../orders/status-sets.ts';
import type { DueLoad } from './capacity.ts';

/**
 * A department's work still to do, by the delivery date of its orders (kept on each step):
 * every step not yet done (pending ones too — the order will reach the department), less the
 * part reported done. `exceptOrderId` leaves one order out, to ask whether it fits as changed.
 */
export async function departmentLoad(
  db: DbOrTx,
  departmentId: number,
  countsIn: 'orders' | 'units',
  exceptOrderId?: number,
): Promise<DueLoad[]> {
  const size = countsIn === 'units' ? sql`${assignments.units}` : sql`1`;
  const rows = await db
    .select({
      dueOn: assignments.dueOn,
      amount: sql<number>`sum(${size} * (100 - ${assignments.progress}) / 100.0)::float8`,
    })
    .from(assignments)
    .where(
      and(
        eq(assignments.departmentId, departmentId),
        stepToDo,
        exceptOrderId === undefined ? undefined : ne(assignments.orderId, exceptOrderId),
      ),
    )
    .groupBy(assignments.dueOn);
  return rows.map((r) => ({ dueOn: r.dueOn, amount: Number(r.amount) }));
}
