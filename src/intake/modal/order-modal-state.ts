import { z } from 'zod';
import { emptyLine, type OrderDraft } from '../order-draft.ts';
import { type OrderModalMeta, parseLineBlockId } from './order-modal-ids.ts';

/** One element's state, as Slack reports it in view.state.values. */
const elementState = z
  .object({
    type: z.string(),
    value: z.string().nullish(),
    selected_date: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
  })
  .passthrough();
export const viewStateValues = z.record(z.string(), z.record(z.string(), elementState));
export type ViewStateValues = z.infer<typeof viewStateValues>;

const metaSchema = z.object({
  lines: z.array(z.string().regex(/^[a-z0-9]+$/)).max(20),
  next: z.number().int().nonnegative(),
  revs: z.record(z.string(), z.number().int().nonnegative()),
});

/** The modal's memory; a view the bot did not build (or an older shape) reads as one empty line. */
export function readMeta(privateMetadata: string | undefined): OrderModalMeta {
  try {
    return metaSchema.parse(JSON.parse(privateMetadata ?? ''));
  } catch {
    return { lines: ['a'], next: 1, revs: {} };
  }
}

function typedValue(state: ViewStateValues[string] | undefined): string | null {
  const element = state ? Object.values(state)[0] : undefined;
  if (!element) return null;
  return element.selected_option?.value ?? element.selected_date ?? element.value ?? null;
}

/** The draft exactly as the admin has it in the modal: raw text, blanks as null. */
export function readOrderDraft(values: ViewStateValues, meta: OrderModalMeta): OrderDraft {
  const lines = new Map(meta.lines.map((key) => [key, { ...emptyLine() }]));
  const revSeen = new Map<string, number>();
  for (const [blockId, state] of Object.entries(values)) {
    const ref = parseLineBlockId(blockId);
    const line = ref ? lines.get(ref.key) : undefined;
    if (!ref || !line) continue;
    const slot = `${ref.key}.${ref.field}`;
    if ((revSeen.get(slot) ?? -1) > ref.rev) continue;
    revSeen.set(slot, ref.rev);
    const value = typedValue(state);
    if (ref.field === 'product') line.sku = value;
    if (ref.field === 'spec') line.spec = value;
    if (ref.field === 'quantity') line.quantity = value;
    if (ref.field === 'unit_price') line.unitPrice = value;
  }
  return {
    customerCode: typedValue(values.customer),
    customerPo: typedValue(values.customer_po),
    deliveryDate: typedValue(values.delivery_date),
    paymentMethod: typedValue(values.payment_method),
    notes: typedValue(values.notes),
    lines: meta.lines.map((key) => lines.get(key) ?? emptyLine()),
  };
}
