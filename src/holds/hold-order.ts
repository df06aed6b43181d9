import { type Actor, requireRole } from '../auth/roles.ts';
import { escapeMrkdwn, mention } from '../blocks/block-kit.ts';
import type { UseCaseContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { moveOrder } from '../orders/move-order.ts';
import { holdKindWords } from '../orders/order-card.ts';
import { describeStatus, isOrderStatus, transition } from '../orders/order-states.ts';
import { findOrder, type OrderRow } from '../orders/order-store.ts';

/** The holds an admin puts on by hand; credit and exception holds come from their own decisions. */
export const manualHoldKinds = ['manual', 'customer'] as const;
export type ManualHoldKind = (typeof manualHoldKinds)[number];

const holdWhat = 'hold and release orders';

export interface HoldAsked {
  orderId: number;
  /** The version the admin saw (the card, or the order as the command found it). */
  expectedVersion: number;
  kind: ManualHoldKind;
  reason: string;
}

/**
 * An admin puts an order on hold by hand, with its kind and a reason shown on every card until
 * someone releases it. The same hold asked again (a double click, Slack's retry) finds it held
 * and changes nothing.
 */
export function holdOrder(
  ctx: UseCaseContext,
  actor: Actor,
  asked: HoldAsked,
): Promise<{ order: OrderRow; repeated: boolean }> {
  requireRole(actor, ['admin'], holdWhat);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const order = await findOrder(tx, asked.orderId);
    if (order.status === 'on_hold' && order.holdKind === asked.kind && order.holdReason === asked.reason)
      return { order, repeated: true };
    requireHoldable(order);
    const words = holdKindWords[asked.kind] ?? asked.kind;
    const held = await moveOrder(tx, {
      now,
      order,
      expectedVersion: asked.expectedVersion,
      steps: [
        {
          action: 'hold',
          reason: `${words}: ${asked.reason}`,
          hold: { kind: asked.kind, reason: asked.reason },
        },
      ],
      actor: actor.userId,
      line: `:double_vertical_bar: ${mention(actor.userId)} put it on hold (${words}): ${escapeMrkdwn(asked.reason)}`,
    });
    return { order: held, repeated: false };
  });
}

/**
 * Releases a hold an admin put on by hand; the order goes back to where it stood. A credit hold
 * is finance's to decide and a problem's hold ends when the problem is resolved: releasing those
 * here is refused with where to go instead.
 */
export function releaseHold(
  ctx: UseCaseContext,
  actor: Actor,
  asked: { orderId: number; expectedVersion: number },
): Promise<OrderRow> {
  requireRole(actor, ['admin'], holdWhat);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const order = await findOrder(tx, asked.orderId);
    if (order.status !== 'on_hold')
      throw new AppError(
        'invalid_transition',
        `${order.number} is not on hold: there is nothing to release.`,
      );
    if (order.holdKind === 'credit')
      throw new AppError(
        'invalid_transition',
        `${order.number} is held for credit: only finance's decision on its credit hold card releases it.`,
      );
    if (order.holdKind === 'exception')
      throw new AppError(
        'invalid_transition',
        `${order.number} is held for a problem: resolving the problem releases it (Resolve on its problems card).`,
      );
    return moveOrder(tx, {
      now,
      order,
      expectedVersion: asked.expectedVersion,
      steps: [{ action: 'release', reason: 'hold released' }],
      actor: actor.userId,
      line: `:arrow_forward: ${mention(actor.userId)} released the hold (${heldFor(order)})`,
    });
  });
}

/** Refuses a hold the order's state does not allow, saying why: already held, shipped, closed. */
export function requireHoldable(order: OrderRow): void {
  if (order.status === 'on_hold')
    throw new AppError(
      'invalid_transition',
      `${order.number} is already on hold (${heldFor(order)}). Release that hold first.`,
    );
  const move = isOrderStatus(order.status) ? transition(order.status, 'hold') : null;
  if (!move?.ok)
    throw new AppError(
      'invalid_transition',
      `${order.number} is ${describeStatus(order.status)}: it can no longer be held.`,
    );
}

function heldFor(order: OrderRow): string {
  const kind = order.holdKind ? (holdKindWords[order.holdKind] ?? order.holdKind) : 'hold';
  return order.holdReason ? `${kind}: ${escapeMrkdwn(order.holdReason)}` : kind;
}
