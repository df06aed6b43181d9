import { formatCents } from '../money.ts';
import type { ContentLine, OrderContent } from './order-content.ts';

/** One field of the order that a change moves from `before` to `after`, in words. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/**
 * Field by field, what `after` changes of `before`. Lines are matched by position, as the change
 * form lists them; a line past the end of the other side was added or removed.
 */
export function diffContent(before: OrderContent, after: OrderContent): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before.deliveryDate !== after.deliveryDate)
    changes.push({ field: 'delivery date', before: before.deliveryDate, after: after.deliveryDate });
  if (before.paymentMethod !== after.paymentMethod)
    changes.push({ field: 'payment', before: before.paymentMethod, after: after.paymentMethod });
  const count = Math.max(before.lines.length, after.lines.length);
  for (let i = 0; i < count; i++) {
    const was = before.lines[i];
    const is = after.lines[i];
    const n = `line ${i + 1}`;
    if (!was && is) changes.push({ field: n, before: '—', after: lineWords(is) });
    else if (was && !is) changes.push({ field: n, before: lineWords(was), after: 'removed' });
    else if (was && is && was.sku !== is.sku)
      changes.push({ field: n, before: lineWords(was), after: lineWords(is) });
    else if (was && is) {
      const at = `${n} (${was.sku})`;
      if (was.quantity !== is.quantity)
        changes.push({ field: `${at} quantity`, before: String(was.quantity), after: String(is.quantity) });
      if (was.unitPriceCents !== is.unitPriceCents)
        changes.push({
          field: `${at} unit price`,
          before: formatCents(was.unitPriceCents),
          after: formatCents(is.unitPriceCents),
        });
      if (was.spec !== is.spec)
        changes.push({ field: `${at} specification`, before: was.spec || '—', after: is.spec || '—' });
    }
  }
  return changes;
}

/** Whether the change touches what departments make: quantities, specifications, lines. */
export function touchesWork(changes: readonly FieldChange[]): boolean {
  return changes.some((c) => c.field.startsWith('line') && !c.field.endsWith('unit price'));
}

export const touchesDate = (changes: readonly FieldChange[]): boolean =>
  changes.some((c) => c.field === 'delivery date');

function lineWords(line: ContentLine): string {
  const spec = line.spec ? ` (${line.spec})` : '';
  return `${line.quantity} × ${line.sku}${spec} @ ${formatCents(line.unitPriceCents)}`;
}
