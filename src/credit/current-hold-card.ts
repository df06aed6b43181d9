import type { DbOrTx } from '../db/client.ts';
import type { SlackMessage } from '../outbox/effects.ts';
import { renderCreditHoldCard } from './credit-hold-card.ts';
import { loadCreditHoldView } from './credit-hold-view.ts';

/** The finance hold card of an order as it is now; the dispatcher calls this just before sending. */
export async function renderCurrentHoldCard(db: DbOrTx, orderId: number): Promise<SlackMessage | null> {
  const view = await loadCreditHoldView(db, orderId);
  return view ? renderCreditHoldCard(view) : null;
}
