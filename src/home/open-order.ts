import { seesPrices } from '../auth/price-visibility.ts';
import type { Actor } from '../auth/roles.ts';
import { type Block, plain } from '../blocks/block-kit.ts';
import type { DbOrTx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { renderOrderCard } from '../orders/order-card.ts';
import { findOrderIdByNumber } from '../orders/order-queries.ts';
import { loadOrderSnapshot } from '../orders/order-snapshot.ts';

/** Open on a Home entry: the order's card, read-only, in a modal; prices as the actor may see them. */
export async function orderCardModal(db: DbOrTx, actor: Actor, number: string): Promise<Block> {
  const id = await findOrderIdByNumber(db, number);
  const order = id ? await loadOrderSnapshot(db, id) : null;
  if (!order) throw new AppError('not_found', `There is no order ${number}.`);
  const card = renderOrderCard(order, { prices: seesPrices(actor) });
  return {
    type: 'modal',
    title: plain(order.number, 24),
    close: plain('Close', 24),
    blocks: card.blocks ?? [],
  };
}
