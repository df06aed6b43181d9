import type { DbOrTx } from '../db/client.ts';
import { moveOrder } from '../orders/move-order.ts';
import type { OrderRow } from '../orders/order-store.ts';

/**
 * The follow-up's end without feedback: the delivered order is completed as it stands now, by the
 * owner's Done or by the days running out.
 */
export function completeWithoutFeedback(
  tx: DbOrTx,
  now: Date,
  order: OrderRow,
  { actor, reason, line }: { actor: string; reason: string; line: string },
): Promise<OrderRow> {
  return moveOrder(tx, {
    now,
    order,
    expectedVersion: order.version,
    steps: [{ action: 'complete', reason }],
    actor,
    line,
  });
}
