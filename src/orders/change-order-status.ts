import { AppError, staleOrderMessage } from '../errors.ts';
import { escapeMrkdwn, mention } from '../slack/block-kit.ts';
import { refreshOrderCards } from './order-cards.ts';
import type { UseCaseContext } from './order-context.ts';
import { isOrderStatus, type OrderAction, statusWords, transition } from './order-states.ts';
import { appendOrderEvent, findOrder, type OrderRow, updateOrderAtVersion } from './order-store.ts';

export interface StatusChange {
  orderId: number;
  /** The version the person saw; a newer order refuses the change. */
  expectedVersion: number;
  action: OrderAction;
  actor: string;
  reason?: string;
}

/** Moves an order through the state machine, records why, and updates every card of it. */
export async function changeOrderStatus(ctx: UseCaseContext, change: StatusChange): Promise<OrderRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const order = await findOrder(tx, change.orderId);
    if (order.version !== change.expectedVersion) throw new AppError('stale', staleOrderMessage);
    const before = asStatus(order.status);
    const move = transition(
      before,
      change.action,
      order.statusBeforeHold ? asStatus(order.statusBeforeHold) : null,
    );
    if (!move.ok) throw new AppError('invalid_transition', `${order.number}: ${move.message}`);
    const updated = await updateOrderAtVersion(tx, order.id, change.expectedVersion, now, {
      status: move.to,
      statusBeforeHold: move.to === 'on_hold' ? before : null,
    });
    await appendOrderEvent(tx, order.id, change.actor, now, {
      type: 'status_changed',
      data: {
        action: change.action,
        before,
        after: move.to,
        ...(change.reason ? { reason: change.reason } : {}),
      },
    });
    const why = change.reason ? `: ${escapeMrkdwn(change.reason)}` : '';
    await refreshOrderCards(tx, now, updated, `${mention(change.actor)} → *${statusWords[move.to]}*${why}`);
    return updated;
  });
}

function asStatus(value: string) {
  if (!isOrderStatus(value)) throw new Error(`order has unknown status ${value}`);
  return value;
}
