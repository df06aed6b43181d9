import { z } from 'zod';

/**
 * What a change request may change of an order: its delivery date, payment method and lines.
 * Stored as asked on the request, and as it was (`before`), so the diff can always be shown.
 */
export const contentLine = z.object({
  sku: z.string().min(1).max(100),
  spec: z.string().max(500),
  quantity: z.int().positive(),
  unitPriceCents: z.int().min(0),
});
export type ContentLine = z.infer<typeof contentLine>;

export const orderContent = z.object({
  deliveryDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  paymentMethod: z.string().min(1),
  lines: z.array(contentLine).max(20),
});
export type OrderContent = z.infer<typeof orderContent>;

export const contentTotalCents = (content: OrderContent): number =>
  content.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);

export const contentUnits = (content: OrderContent): number =>
  content.lines.reduce((sum, l) => sum + l.quantity, 0);
