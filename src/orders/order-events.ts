import type { OrderAction, OrderStatus } from './order-states.ts';

/**
 * The typed audit trail. Every write to an order appends one of these in the same
 * transaction; the timeline and the reports are read from them.
 */
export type OrderEvent =
  | { type: 'received'; data: { number: string; lineCount: number; totalCents: number } }
  | {
      type: 'status_changed';
      data: { action: OrderAction; before: OrderStatus; after: OrderStatus; reason?: string };
    };

export type OrderEventType = OrderEvent['type'];
