import type { DbOrTx } from '../db/client.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import { renderOrderCard } from './order-card.ts';
import { loadOrderSnapshot } from './order-snapshot.ts';

/** The card of an order as it is now; the dispatcher calls this just before sending. */
export async function renderCurrentCard(db: DbOrTx, orderId: number): Promise<SlackMessage | null> {
  const order = await loadOrderSnapshot(db, orderId);
  return order ? renderOrderCard(order) : null;
}
