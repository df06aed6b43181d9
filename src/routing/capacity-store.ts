import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toNumber } from '../db/rows.ts';
import { sqlList, stepsToDo } from '../orders/status-sets.ts';
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
  const rows = (
    await queryRows<{ department_id: unknown; due_on: string; orders: unknown; units: unknown }>(
      db,
      exceptOrderId === undefined ? totals(ids) : withoutOrder(ids, exceptOrderId),
    )
  ).map((r) => ({
    departmentId: toNumber(r.department_id),
    dueOn: r.due_on,
    orders: toNumber(r.orders),
    units: toNumber(r.units),
  }));
  const unitOf = new Map(departments.map((d) => [d.id, d.capacityUnit]));
  for (const r of rows) {
    // In hundredths, kept as integers: exact, and the same figures the steps add up to.
    const amount = unitOf.get(r.departmentId) === 'units' ? r.units : r.orders;
    loads.get(r.departmentId)?.push({ dueOn: r.dueOn, amount: amount / 100 });
  }
  return loads;
}

/*
 * Templates, not the builder: every allocation reads the loads while the year's number counter is
 * held, and drizzle took 85–100 µs of CPU to build this statement (db/table-statements.ts). The
 * departments are a list of parameters, not one array: a plan made once for any values (a
 * prepared statement's, `plan_cache_mode = auto`) cannot tell an array's length, and scanned
 * every department's totals instead of reading the key (the allocation bench's EXPLAIN).
 */
const idList = (ids: readonly number[]) =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

/**
 * The departments' running totals, less the dates whose work is all done (they stay in the table
 * at zero). A date at zero holds no step with work left, so no order's own steps count there.
 */
const totals = (ids: readonly number[]) =>
  sql`select department_id, due_on, orders_left as orders, units_left as units from department_loads
      where department_id in ${idList(ids)} and (orders_left <> 0 or units_left <> 0)`;

/** The totals less one order's own to-do steps (a handful of rows, read by order). */
const withoutOrder = (ids: readonly number[], orderId: number) =>
  sql`select department_id, due_on, sum(orders) as orders, sum(units) as units
      from ((${totals(ids)}) union all (
        select department_id, due_on, -(100 - progress), -(units::bigint * (100 - progress)) from assignments
        where order_id = ${orderId} and department_id in ${idList(ids)} and status in ${sqlList(stepsToDo)}
      )) as load
      group by department_id, due_on
      having sum(orders) <> 0 or sum(units) <> 0`;

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
