import { sql } from 'drizzle-orm';
import { calendarDate, daysBetween } from '../calendar.ts';
import type { DbOrTx } from '../db/client.ts';
import { commitWithThisRoundTrip } from '../db/reserved-transaction.ts';
import { assignments } from '../db/schema.ts';
import { tableStatements } from '../db/table-statements.ts';
import { together } from '../db/together.ts';
import { movedOrder, moveOrder, type Step } from '../orders/move-order.ts';
import type { OrderEvent } from '../orders/order-events.ts';
import { refreshOrderHomes } from '../orders/order-homes.ts';
import type { OrderRow } from '../orders/order-store.ts';
import { chooseRoute, type RouteStep } from './allocation-rules.ts';
import { type ContentTraits, type DepartmentRow, orderTraitsData, pickingData } from './allocation-store.ts';
import { type DueLoad, earliestFit } from './capacity.ts';
import { departmentsLoad } from './capacity-store.ts';
import { capacityRiskLine } from './capacity-view.ts';
import { pickFor, showStep, tellOwner, warnIfNobody } from './open-step.ts';
import { routingConfig } from './routing-config.ts';

/** Every allocation writes its steps while the number counter is held: a template (table-statements.ts). */
const stepStatements = tableStatements(assignments);

/**
 * What routing reads about an order that confirming it does not change: its traits, the rules
 * and the departments. Only the order's id is needed, so a caller sends these with the
 * statements that read the order and check what it is about to do.
 */
export function routeInputs(tx: DbOrTx, orderId: number) {
  return together(orderTraitsData(tx, orderId), routingConfig(tx));
}
export type RouteInputs = Awaited<ReturnType<typeof routeInputs>>;

/** routeInputs for an order about to be stored, whose traits its review read already. */
export function routeInputsFor(tx: DbOrTx, traits: ContentTraits): Promise<RouteInputs> {
  return together(Promise.resolve(traits), routingConfig(tx));
}

/** The route chosen for an order, and the departments it passes through; or what is missing. */
export type RoutePlan =
  | { missing: string[] }
  | {
      traits: RouteInputs[0];
      first: RouteStep;
      firstDept: DepartmentRow;
      planned: { step: RouteStep; department: DepartmentRow }[];
      counted: DepartmentRow[];
    };

/** Chooses the order's route from what routeInputs read: no I/O. */
export function planRoute(
  [traits, { rules, departments }]: RouteInputs,
  order: Pick<OrderRow, 'totalCents' | 'paymentMethod' | 'deliveryDate'>,
  today: string,
): RoutePlan {
  const { route } = chooseRoute(rules, {
    ...traits,
    valueCents: order.totalCents,
    paymentMethod: order.paymentMethod,
    daysUntilDelivery: daysBetween(today, order.deliveryDate),
  });
  const missing = [...new Set(route.filter((s) => !departments.has(s.department)).map((s) => s.department))];
  const first = route[0];
  const firstDept = first ? departments.get(first.department) : undefined;
  if (missing.length || !first || !firstDept) return { missing };
  const planned = route.map((step) => ({ step, department: departments.get(step.department) ?? firstDept }));
  const counted = [...new Set(planned.map((p) => p.department))].filter((d) => d.dailyCapacity > 0);
  return { traits, first, firstDept, planned, counted };
}

/**
 * The route's departments' loads and the first department's people. Read under the lock that
 * orders the allocations (a new order's number counter), so each sees the steps of the one before.
 */
export function readPlanLoads(tx: DbOrTx, plan: RoutePlan) {
  return 'missing' in plan
    ? Promise.resolve(null)
    : together(departmentsLoad(tx, plan.counted), pickingData(tx, plan.firstDept.id, plan.first.pick));
}
export type PlanLoads = Awaited<ReturnType<typeof readPlanLoads>>;

/** What a caller read for allocateOrder already, in a round trip it had anyway. */
export interface AllocationReads {
  inputs: RouteInputs;
  /** readPlanLoads of planRoute over `inputs`, for the same day. */
  loads?: PlanLoads;
}

export interface AllocationOptions {
  /** The admins named in the configuration, told too when a step has nobody to take it. */
  configAdmins?: readonly string[];
  known?: AllocationReads;
  /**
   * The moves that confirm the order (confirm, or release then confirm), made in the same write
   * as the allocation's: the order is given as before them, and is written and carded once.
   */
  confirming?: readonly Step[];
  /** The event that says why the order was confirmed, recorded with the confirming moves (Move.because). */
  because?: OrderEvent;
  /** The version the person saw, when they confirmed it; the move refuses any other. */
  expectedVersion?: number;
  /**
   * The caller's transaction ends with this allocation: its COMMIT goes out with the
   * allocation's writes when nothing follows them (a step with nobody to take it is followed by
   * warnings), so the locks the transaction holds are let go without a round trip back here.
   */
  endsTransaction?: boolean;
}

/**
 * Routes a confirmed order (issue: "On confirmation"): the first matching rule gives the
 * departments it passes through; the first department's step is opened and given to a person,
 * and the order's card is posted in that department's channel. Runs in the caller's
 * transaction, and queues the order's App Homes as it leaves the order. An order whose route
 * names a department that does not exist stays confirmed, and its owner is told why. A
 * department too full to finish its step by the delivery date still gets it, flagged with the
 * earliest date it could, and the owner is told.
 */
export async function allocateOrder(
  tx: DbOrTx,
  now: Date,
  timeZone: string,
  order: OrderRow,
  actor: string,
  {
    configAdmins = [],
    known,
    confirming = [],
    because,
    expectedVersion = order.version,
    endsTransaction = false,
  }: AllocationOptions = {},
): Promise<OrderRow> {
  if (!confirming.length && order.status !== 'confirmed') return order;
  // The order confirmed, and allocated: as the one write leaves it, known before the database
  // answers (the write checks the version).
  const confirmed = confirming.length ? movedOrder(order, confirming, now) : order;
  const allocating: Step[] = [...confirming, { action: 'allocate' }];
  const moved = movedOrder(order, allocating, now);
  const today = calendarDate(now, timeZone);
  const plan = planRoute(known?.inputs ?? (await routeInputs(tx, order.id)), order, today);
  const read = known?.loads !== undefined ? known.loads : await readPlanLoads(tx, plan);
  const move = (steps: readonly Step[]) =>
    moveOrder(tx, { now, order, expectedVersion, steps, actor, homes: false, because });
  if ('missing' in plan || !read) {
    const which = 'missing' in plan ? plan.missing.join(', ') : '';
    const [waiting] = await together(
      confirming.length ? move(confirming) : Promise.resolve(order),
      tellOwner(
        tx,
        now,
        confirmed,
        'missing-dept',
        `${order.number} is confirmed but waits: its route needs ${which}, which an admin has not set up yet.`,
      ),
      refreshOrderHomes(tx, now, confirmed),
    );
    return waiting;
  }
  const { traits, first, firstDept, planned, counted } = plan;
  const [loads, picking] = read;
  const risks = capacityRisks(today, order, traits.units, counted, loads);
  const opening = { pick: first.pick, fixedPersonId: first.personId ?? null };
  const pick = pickFor(opening, firstDept, picking);
  const risk = capacityRiskLine(
    planned.map(({ department }) => ({
      departmentName: department.name,
      status: 'pending',
      fitsOn: risks.get(department.id) ?? null,
    })),
    order.deliveryDate,
  );
  // The first step is written open to the person picked (the loads and the picking read above
  // do not count a pending step, so neither depends on it), the order moves and its card is
  // shown, all in one round trip; a stale version throws and the transaction takes the rest back
  // with it. The steps are sent first: the Homes' audience is read from them. So the move queues
  // no Homes (it might be read before the steps are written); showStep queues them, at the
  // version the move gives the order.
  const writeSteps = together(
    stepStatements.returning(
      tx,
      sql`insert into assignments ${stepStatements.rows(
        planned.map(({ step, department }, i) => ({
          orderId: order.id,
          step: i,
          departmentId: department.id,
          pick: step.pick,
          fixedPersonId: step.personId ?? null,
          units: traits.units,
          dueOn: order.deliveryDate,
          fitsOn: risks.get(department.id) ?? null,
          status: i === 0 ? 'open' : 'pending',
          assigneeId: i === 0 ? pick.assignee : null,
          openedAt: i === 0 ? now : null,
        })),
      )} returning *`,
    ),
  );
  const [[steps], , allocated] = await together(
    writeSteps,
    risk ? tellOwner(tx, now, confirmed, 'capacity', `${order.number}: ${risk}`) : Promise.resolve(),
    move(allocating),
    showStep(tx, now, moved, firstDept),
    endsTransaction && pick.assignee ? commitWithThisRoundTrip(tx) : Promise.resolve(),
  );
  const opened = steps.find((s) => s.step === 0);
  if (opened) await warnIfNobody(tx, now, allocated, opened, firstDept, pick, configAdmins);
  return allocated;
}

/**
 * For each department that counts capacity, whether the order fits its load by the delivery
 * date: null when it does, else the earliest date it would.
 */
function capacityRisks(
  today: string,
  order: OrderRow,
  units: number,
  counted: readonly DepartmentRow[],
  loads: Map<number, DueLoad[]>,
): Map<number, string | null> {
  return new Map(
    counted.map((department) => [
      department.id,
      earliestFit({
        today,
        dueOn: order.deliveryDate,
        amount: department.capacityUnit === 'units' ? units : 1,
        dailyCapacity: department.dailyCapacity,
        load: loads.get(department.id) ?? [],
      }),
    ]),
  );
}
