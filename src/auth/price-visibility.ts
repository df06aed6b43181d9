import { type Actor, hasRole } from './roles.ts';

/**
 * Prices are for those who sell and those who collect: admins, managers and finance. A card in
 * another department's channel (production, QA, logistics…) shows what to make, not what it costs.
 */
export const financeKey = 'finance';

/** Whether `actor` is shown an order's prices, e.g. in `/order show`. */
export function seesPrices(actor: Actor): boolean {
  return (
    hasRole(actor, ['manager']) || (actor.roles.includes('member') && actor.departmentKey === financeKey)
  );
}

/** Whether a card in a channel shows prices: not in a department's channel unless it is finance's. */
export function channelShowsPrices(departmentKeyOfChannel: string | null): boolean {
  return departmentKeyOfChannel === null || departmentKeyOfChannel === financeKey;
}
