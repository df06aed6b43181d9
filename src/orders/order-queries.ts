import { and, asc, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { customers, orderEvents, orders } from '../db/schema.ts';
import type { OrderStatus } from './order-states.ts';
import type { TimelineEntry } from './order-timeline.ts';
import { selectOrders } from './select-orders.ts';
import { ordersClosed, sqlList } from './status-sets.ts';

export type OrderFilter =
  | { kind: 'open' }
  | { kind: 'mine'; userId: string }
  | { kind: 'held' }
  | { kind: 'customer'; name: string }
  | { kind: 'status'; status: OrderStatus };

export interface OrderListItem {
  id: number;
  number: string;
  status: string;
  customerName: string;
  deliveryDate: string;
  totalCents: number;
}

/** A page of orders, newest first; `before` is the id the previous page ended at. */
export async function listOrders(
  db: DbOrTx,
  filter: OrderFilter,
  page: { before?: number; size: number },
): Promise<OrderListItem[]> {
  const bounds = { before: page.before ?? Number.MAX_SAFE_INTEGER, size: page.size };
  switch (filter.kind) {
    case 'mine':
      return pageQueries(db).mine.execute({ ...bounds, userId: filter.userId });
    case 'status':
      return pageQueries(db).status.execute({ ...bounds, status: filter.status });
    case 'customer': {
      const q = filter.name.replace(/[\\%_]/g, (c) => `\\${c}`);
      return pageQueries(db).customer.execute({ ...bounds, pattern: `%${q}%` });
    }
    default:
      return pageQueries(db)[filter.kind].execute(bounds);
  }
}

/**
 * Each filter's page as a prepared statement, built once per database handle
 * (preparedPerDatabase): the list's More button runs it on every click.
 * The closed statuses are constants, so a plan made for any parameters still matches the
 * partial index orders_open_idx.
 */
const notClosed = sql`${orders.status} not in ${sqlList(ordersClosed)}`;
const pageWhere: Record<OrderFilter['kind'], SQL> = {
  open: notClosed,
  mine: sql`${orders.ownerId} = ${sql.placeholder('userId')} and ${notClosed}`,
  held: sql`${orders.status} = 'on_hold'`,
  status: sql`${orders.status} = ${sql.placeholder('status')}`,
  customer: sql`${orders.customerId} in (select ${customers.id} from ${customers} where ${customers.name} ilike ${sql.placeholder('pattern')})`,
};

function preparePage(db: DbOrTx, kind: OrderFilter['kind']) {
  return selectOrders(db, {
    id: orders.id,
    status: orders.status,
    deliveryDate: orders.deliveryDate,
    totalCents: orders.totalCents,
  })
    .where(and(pageWhere[kind], lt(orders.id, sql.placeholder('before'))))
    .orderBy(desc(orders.id))
    .limit(sql.placeholder('size'))
    .prepare(`orders_page_${kind}`);
}

const pageQueries = preparedPerDatabase((db) => ({
  open: preparePage(db, 'open'),
  mine: preparePage(db, 'mine'),
  held: preparePage(db, 'held'),
  customer: preparePage(db, 'customer'),
  status: preparePage(db, 'status'),
}));

export async function findOrderIdByNumber(db: DbOrTx, number: string): Promise<number | null> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.number, number.toUpperCase()));
  return row?.id ?? null;
}

export async function loadTimeline(db: DbOrTx, orderId: number): Promise<TimelineEntry[]> {
  return db
    .select({ type: orderEvents.type, actor: orderEvents.actor, at: orderEvents.at, data: orderEvents.data })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id));
}
