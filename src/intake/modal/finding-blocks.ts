import { truncate } from '../../blocks/block-kit.ts';
import type { Finding } from '../review/review-rules.ts';
import { lineBlockId, type OrderModalMeta } from './order-modal-ids.ts';

/**
 * Where each error shows in the modal: under the input block of its field (Slack draws errors
 * only under input blocks). Several errors on one field read as one message.
 */
export function errorsByBlock(findings: readonly Finding[], meta: OrderModalMeta): Record<string, string> {
  const errors: Record<string, string[]> = {};
  for (const finding of findings) {
    if (finding.severity !== 'error') continue;
    const block = blockFor(finding, meta);
    errors[block] = [...(errors[block] ?? []), finding.message];
  }
  return Object.fromEntries(
    Object.entries(errors).map(([block, messages]) => [block, truncate(messages.join(' · '), 2000)]),
  );
}

function blockFor(finding: Finding, meta: OrderModalMeta): string {
  const first = meta.lines[0] ?? 'a';
  const { field } = finding;
  if (typeof field === 'string') return field === 'lines' ? lineBlockId(first, 'product') : field;
  const key = meta.lines[field.line] ?? first;
  const rev = field.field === 'spec' || field.field === 'unit_price' ? (meta.revs[key] ?? 0) : 0;
  return lineBlockId(key, field.field, rev);
}
