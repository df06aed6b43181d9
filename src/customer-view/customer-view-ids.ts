import { openOrderActionId } from '../orders/order-action-ids.ts';

/** The customer view's buttons: open one of its orders, or start a new order for the customer. */
export const customerViewIds = {
  openOrder: openOrderActionId,
  newOrder: 'customer_view.new_order',
} as const;
