import { type SQL, sql } from 'drizzle-orm';
import { assignments } from '../db/schema.ts';
import type { OrderStatus } from './order-states.ts';

/** The named groups of order and step statuses that lists, cards and queues are drawn from. */

export type StepStatus = (typeof assignments.$inferSelect)['status'];

/** A step someone is on, or should be. */
export const stepsUnderWay = ['open', 'accepted', 'started'] as const satisfies readonly StepStatus[];
/** A step whose work is still to do, including those the order has not reached yet. */
export const stepsToDo = ['pending', ...stepsUnderWay] as const satisfies readonly StepStatus[];
/** A step somebody has taken and is working on. */
export const stepsTaken = ['accepted', 'started'] as const satisfies readonly StepStatus[];

/** Orders nobody works on any more. */
export const ordersClosed: OrderStatus[] = ['completed', 'cancelled'];
/** Orders that have left the desk's hands: shipped, or closed. */
export const ordersGone: OrderStatus[] = ['shipped', 'delivered', ...ordersClosed];
/** Orders waiting on their owner: held, or confirmed but not routed. */
export const ordersWaitingOnOwner: OrderStatus[] = ['on_hold', 'confirmed'];

export const isStepUnderWay = (status: string): boolean =>
  (stepsUnderWay as readonly string[]).includes(status);

/*
 * Step statuses written into the SQL as constants, not parameters: Postgres may plan a prepared
 * statement once for any values, and only a constant list lets that plan use the partial indexes
 * on assignments, whose predicates name these statuses.
 */
export const sqlList = (values: readonly string[]): SQL =>
  sql.raw(`(${values.map((v) => `'${v}'`).join(', ')})`);
export const stepUnderWay = sql`${assignments.status} in ${sqlList(stepsUnderWay)}`;
export const stepToDo = sql`${assignments.status} in ${sqlList(stepsToDo)}`;
