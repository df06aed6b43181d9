import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../auth/roles.ts';
import type { DbOrTx } from '../db/client.ts';
import { assignments, customers, departments, orders } from '../db/schema.ts';

export interface HomeItem {
  number: string;
  customerName: string;
  departmentName: string | null;
  status: string;
  deliveryDate: string;
}

export interface HomeData {
  mine: HomeItem[];
  unassigned: HomeItem[];
  needsMe: HomeItem[];
}

/** Enough for a glance; the Home tab allows 100 blocks. */
const shown = 15;

/** What the App Home shows this person: their work, their department's queue, their orders that wait on them. */
export async function loadHome(db: DbOrTx, actor: Actor): Promise<HomeData> {
  const active = inArray(assignments.status, ['open', 'accepted', 'started']);
  const step = {
    number: orders.number,
    customerName: customers.name,
    departmentName: departments.name,
    status: assignments.status,
    deliveryDate: orders.deliveryDate,
  };
  const steps = () =>
    db
      .select(step)
      .from(assignments)
      .innerJoin(orders, eq(orders.id, assignments.orderId))
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .innerJoin(departments, eq(departments.id, assignments.departmentId));
  const [mine, unassigned, needsMe] = await Promise.all([
    steps()
      .where(and(active, eq(assignments.assigneeId, actor.userId)))
      .orderBy(asc(orders.deliveryDate))
      .limit(shown),
    actor.departmentId
      ? steps()
          .where(
            and(active, isNull(assignments.assigneeId), eq(assignments.departmentId, actor.departmentId)),
          )
          .orderBy(asc(orders.deliveryDate))
          .limit(shown)
      : Promise.resolve([]),
    db
      .select({
        number: orders.number,
        customerName: customers.name,
        status: orders.status,
        deliveryDate: orders.deliveryDate,
      })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(and(eq(orders.ownerId, actor.userId), inArray(orders.status, ['on_hold', 'confirmed'])))
      .orderBy(asc(orders.deliveryDate))
      .limit(shown),
  ]);
  return { mine, unassigned, needsMe: needsMe.map((o) => ({ ...o, departmentName: null })) };
}
