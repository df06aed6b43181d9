import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { assignments, departmentLoads } from '../db/schema.ts';
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
 * reported done. Read from department_loads, the running total the database keeps as steps
 * change, so the read costs a row per date however long the backlog is. One statement for all
 * the departments asked about (allocation asks for every department of a route at once); both
 * measures are kept and each department takes its own. `exceptOrderId` leaves one order out, to
 * ask whether it fits as changed: its own to-do steps, found by order, are taken off the total
 * in the same statement.
 */
export async function departmentsLoad(
  db: DbOrTx,
  departments: readonly LoadedDepartment[],
  exceptOrderId?: number,
): Promise<Map<number, DueLoad[]>> {
  const loads = new Map<number, DueLoad[]>(departments.map((d) => [d.id, []]));
  if (!departments.length) return loads;
  const ids = departments.map((d) => d.id);
  const rows =
    exceptOrderId === undefined ? await loadTotals(db, ids) : await withoutOrder(db, ids, exceptOrderId);
  const unitOf = new Map(departments.map((d) => [d.id, d.capacityUnit]));
  for (const r of rows) {
    // In hundredths, kept as integers: exact, and the same figures the steps add up to.
    const amount = unitOf.get(r.departmentId) === 'units' ? r.units : r.orders;
    loads.get(r.departmentId)?.push({ dueOn: r.dueOn, amount: amount / 100 });
  }
  return loads;
}

/**
 * The departments' running totals, less the dates whose work is all done (they stay in the table
 * at zero). A date at zero holds no step with work left, so no order's own steps count there.
 */
function loadTotals(db: DbOrTx, ids: number[]) {
  return db
    .select({
      departmentId: departmentLoads.departmentId,
      dueOn: departmentLoads.dueOn,
      orders: sql`${departmentLoads.ordersLeft}`.mapWith(Number).as('orders'),
      units: sql`${departmentLoads.unitsLeft}`.mapWith(Number).as('units'),
    })
    .from(departmentLoads)
    .where(
      and(
        inArray(departmentLoads.departmentId, ids),
        or(ne(departmentLoads.ordersLeft, 0), ne(departmentLoads.unitsLeft, 0)),
      ),
    );
}

/** The totals less one order's own to-do steps (a handful of rows, read by order). */
function withoutOrder(db: DbOrTx, ids: number[], orderId: number) {
  const left = sql`(100 - ${assignments.progress})`;
  const own = db
    .select({
      departmentId: assignments.departmentId,
      dueOn: assignments.dueOn,
      orders: sql`-${left}`.mapWith(Number).as('orders'),
      units: sql`-(${assignments.units}::bigint * ${left})`.mapWith(Number).as('units'),
    })
    .from(assignments)
    .where(and(eq(assignments.orderId, orderId), inArray(assignments.departmentId, ids), stepToDo));
  const both = unionAll(loadTotals(db, ids), own).as('load');
  return db
    .select({
      departmentId: both.departmentId,
      dueOn: both.dueOn,
      orders: sql`sum(${both.orders})`.mapWith(Number),
      units: sql`sum(${both.units})`.mapWith(Number),
    })
    .from(both)
    .groupBy(both.departmentId, both.dueOn)
    .having(sql`sum(${both.orders}) <> 0 or sum(${both.units}) <> 0`);
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
