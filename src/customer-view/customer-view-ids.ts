/** The customer view's buttons: open one of its orders, or start a new order for the customer. */
export const customerViewIds = {
  openOrder: 'customer_view.open_order',
  newOrder: 'customer_view.new_order',
} as const;
