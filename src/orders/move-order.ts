import { and, eq } from 'drizzle-orm';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import type { DbOrTx } from '../db/client.ts';
import { assignments } from '../db/schema.ts';
import { together } from '../db/together.ts';
import { AppError, staleOrderMessage } from '../errors.ts';
import { refreshOrderCards } from './order-cards.ts';
import type { OrderEvent } from './order-events.ts';
import {
  isOrderStatus,
  type OrderAction,
  type OrderStatus,
  statusWords,
  transition,
} from './order-states.ts';
import { appendOrderEvents, type OrderRow, updateOrderAtVersion } from './order-store.ts';
import { stepToDo } from './status-sets.ts';

export type HoldKind = NonNullable<OrderRow['holdKind']>;

export interface Step {
  action: OrderAction;
  reason?: string;
  /** A hold's kind and the reason shown on every card until it is released. */
  hold?: { kind: HoldKind; reason: string };
}

/**
 * Moves an order through one or more steps of the state machine inside the caller's
 * transaction: every step is checked, the order is written once at the version the person saw,
 * each step is recorded as an event, and every card of the order is refreshed with one thread
 * line (`line`, or one saying where the order is now). With no steps it records work that
 * changes the cards but not the order's state, e.g. someone accepting a step.
 */
export interface Move {
  now: Date;
  order: OrderRow;
  /** The version the person saw; another is a stale click. */
  expectedVersion: number;
  /** None: work that changes the cards but not the order's state. */
  steps?: readonly Step[];
  actor: string;
  /** The thread line; without it, one saying where the order is now. */
  line?: string;
  /**
   * False when the caller queues the order's App Homes itself later in the transaction, at the
   * version this move gives the order (allocation does, once its steps are written).
   */
  homes?: boolean;
  /** The event that says why the steps were taken (finance's decision), recorded after theirs in one statement. */
  because?: OrderEvent;
}

export async function moveOrder(
  tx: DbOrTx,
  { now, order, expectedVersion, steps = [], actor, line, homes = true, because }: Move,
): Promise<OrderRow> {
  if (order.version !== expectedVersion) throw new AppError('stale', staleOrderMessage);
  const { changes, events } = walkSteps(order, steps);
  const why = steps.findLast((s) => s.reason)?.reason;
  const moved = `${mention(actor)} → *${statusWords[changes.status]}*${why ? `: ${escapeMrkdwn(why)}` : ''}`;
  const write = updateOrderAtVersion(tx, order.id, expectedVersion, now, changes);
  const recorded = appendOrderEvents(tx, order.id, actor, now, [
    ...events.map((data) => ({ type: 'status_changed' as const, data })),
    ...(because ? [because] : []),
  ]);
  const threadLine = line ?? moved;
  if (changes.status === 'cancelled') {
    // A cancelled order's remaining work leaves every queue, capacity count and App Home, so its
    // cards and Homes are read after that.
    const [updated] = await together(
      write,
      recorded,
      tx
        .update(assignments)
        .set({ status: 'cancelled' })
        .where(and(eq(assignments.orderId, order.id), stepToDo)),
    );
    await refreshOrderCards(tx, now, updated, threadLine, { homes });
    return updated;
  }
  // The version the write gives the order is known before it answers, so the cards are queued
  // in the same round trip; a stale version throws first and the caller's transaction rolls
  // the rest back.
  const [updated] = await together(
    write,
    recorded,
    refreshOrderCards(tx, now, { id: order.id, version: expectedVersion + 1 }, threadLine, { homes }),
  );
  return updated;
}

/**
 * The order as moveOrder leaves it, known before the database answers: a caller can send what
 * comes next in the move's round trip. What it sends is checked there anyway, by the version
 * the move gives the order.
 */
export function movedOrder(order: OrderRow, steps: readonly Step[], now: Date): OrderRow {
  return { ...order, ...walkSteps(order, steps).changes, version: order.version + 1, updatedAt: now };
}

/** Where the steps take the order, each checked against the state machine, and their events. */
function walkSteps(order: OrderRow, steps: readonly Step[]) {
  let status = asStatus(order.status);
  let beforeHold = order.statusBeforeHold ? asStatus(order.statusBeforeHold) : null;
  let hold = { holdKind: order.holdKind, holdReason: order.holdReason };
  const events: { action: OrderAction; before: OrderStatus; after: OrderStatus; reason?: string }[] = [];
  for (const step of steps) {
    const move = transition(status, step.action, beforeHold);
    if (!move.ok) throw new AppError('invalid_transition', `${order.number}: ${move.message}`);
    events.push({
      action: step.action,
      before: status,
      after: move.to,
      ...(step.reason ? { reason: step.reason } : {}),
    });
    beforeHold = move.to === 'on_hold' ? status : null;
    hold =
      move.to === 'on_hold'
        ? { holdKind: step.hold?.kind ?? 'manual', holdReason: step.hold?.reason ?? step.reason ?? null }
        : { holdKind: null, holdReason: null };
    status = move.to;
  }
  return { changes: { status, statusBeforeHold: beforeHold, ...hold }, events };
}

function asStatus(value: string): OrderStatus {
  if (!isOrderStatus(value)) throw new Error(`order has unknown status ${value}`);
  return value;
}
