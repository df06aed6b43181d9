import { and, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { assignments } from '../db/schema.ts';
import { stepToDo } from '../orders/status-sets.ts';
import type { DueLoad } from './capacity.ts';

/** A department as its load is counted: in orders, or in the units of its steps. */
export interface LoadedDepartment {
  id: number;
  capacityUnit: 'orders' | 'units';
}

/**
 * Departments' work still to do, by the delivery date of its orders (kept on each step): every
 * step not yet done (pending ones too — the order will reach the department), less the part
 * reported done. One statement for all the departments asked about (allocation asks for every
 * department of a route at once); both measures are summed and each department takes its own.
 * `exceptOrderId` leaves one order out, to ask whether it fits as changed.
 */
export async function departmentsLoad(
  db: DbOrTx,
  departments: readonly LoadedDepartment[],
  exceptOrderId?: number,
): Promise<Map<number, DueLoad[]>> {
  const loads = new Map<number, DueLoad[]>(departments.map((d) => [d.id, []]));
  if (!departments.length) return loads;
  // In hundredths, summed as integers: numeric arithmetic on every row cost more than the scan.
  const left = sql`(100 - ${assignments.progress})`;
  const rows = await db
    .select({
      departmentId: assignments.departmentId,
      dueOn: assignments.dueOn,
      orders: sql`sum(${left})`.mapWith(Number),
      units: sql`sum(${assignments.units} * ${left})`.mapWith(Number),
    })
    .from(assignments)
    .where(
      and(
        inArray(
          assignments.departmentId,
          departments.map((d) => d.id),
        ),
        stepToDo,
        exceptOrderId === undefined ? undefined : ne(assignments.orderId, exceptOrderId),
      ),
    )
    .groupBy(assignments.departmentId, assignments.dueOn);
  const unitOf = new Map(departments.map((d) => [d.id, d.capacityUnit]));
  for (const r of rows) {
    const amount = unitOf.get(r.departmentId) === 'units' ? r.units : r.orders;
    loads.get(r.departmentId)?.push({ dueOn: r.dueOn, amount: amount / 100 });
  }
  return loads;
}

/** One department's load (see departmentsLoad). */
export async function departmentLoad(
  db: DbOrTx,
  departmentId: number,
  countsIn: 'orders' | 'units',
  exceptOrderId?: number,
): Promise<DueLoad[]> {
  const loads = await departmentsLoad(db, [{ id: departmentId, capacityUnit: countsIn }], exceptOrderId);
  return loads.get(departmentId) ?? [];
}
