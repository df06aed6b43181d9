/**
 * Buttons of other features that open an order's card and timeline, handled by orders.slack.ts:
 * the id lives here so those features point down at the order core, not the other way.
 */
export const openOrderActionId = 'customer_view.open_order';
