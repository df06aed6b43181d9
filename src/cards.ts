import type { Db } from './db/client.ts';
import { renderCurrentHoldCard } from './intake/current-hold-card.ts';
import { renderCurrentCard } from './orders/current-card.ts';
import type { CardKind } from './outbox/effects.ts';

/** Every kind of card the outbox can show, rendered from the order as it is at sending time. */
export function renderCard(db: Db, orderId: number, card: CardKind) {
  return card === 'credit_hold' ? renderCurrentHoldCard(db, orderId) : renderCurrentCard(db, orderId);
}
