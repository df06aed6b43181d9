import type { DbOrTx } from '../db/client.ts';
import { loadOrderSnapshot } from '../orders/order-snapshot.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import { renderProblemsCard } from './exception-card.ts';
import { escalationsOf, exceptionsOf } from './exception-store.ts';

/** The order's problems card as it is now; the dispatcher calls this just before sending. */
export async function renderCurrentProblemsCard(db: DbOrTx, orderId: number): Promise<SlackMessage | null> {
  const order = await loadOrderSnapshot(db, orderId);
  if (!order) return null;
  const rows = await exceptionsOf(db, orderId);
  return renderProblemsCard({
    order: {
      id: order.id,
      number: order.number,
      customerName: order.customer.name,
      status: order.status,
      version: order.version,
      deliveryDate: order.deliveryDate,
      hold: order.hold,
    },
    problems: rows.map(({ exception: e, department }) => ({
      ...e,
      departmentName: department.name,
      escalations: escalationsOf(e),
    })),
  });
}
