import { emptyLine, maxOrderLines, type OrderDraft } from '../order-draft.ts';
import { type OrderModalMeta, parseLineBlockId } from './order-modal-ids.ts';

export type ModalChange =
  | { kind: 'add_line' }
  | { kind: 'remove_line'; index: number }
  | { kind: 'customer_chosen' }
  | { kind: 'product_chosen'; blockId: string };

export interface ChangedModal {
  meta: OrderModalMeta;
  draft: OrderDraft;
  /** The line whose spec and price should be filled from the chosen product, if empty. */
  prefillLine: number | null;
}

/**
 * How the modal changes when the admin adds or removes a line or picks a customer or product.
 * Every value already typed stays; lines keep their keys, so their inputs keep their state.
 */
export function applyModalChange(meta: OrderModalMeta, draft: OrderDraft, change: ModalChange): ChangedModal {
  switch (change.kind) {
    case 'add_line': {
      if (meta.lines.length >= maxOrderLines) return { meta, draft, prefillLine: null };
      const key = meta.next.toString(36);
      return {
        meta: { ...meta, lines: [...meta.lines, key], next: meta.next + 1 },
        draft: { ...draft, lines: [...draft.lines, emptyLine()] },
        prefillLine: null,
      };
    }
    case 'remove_line': {
      if (meta.lines.length <= 1 || change.index < 0 || change.index >= meta.lines.length) {
        return { meta, draft, prefillLine: null };
      }
      return {
        meta: { ...meta, lines: meta.lines.filter((_, i) => i !== change.index) },
        draft: { ...draft, lines: draft.lines.filter((_, i) => i !== change.index) },
        prefillLine: null,
      };
    }
    case 'customer_chosen':
      return { meta, draft, prefillLine: null };
    case 'product_chosen': {
      const ref = parseLineBlockId(change.blockId);
      const index = ref ? meta.lines.indexOf(ref.key) : -1;
      if (!ref || index < 0) return { meta, draft, prefillLine: null };
      return {
        meta: { ...meta, revs: { ...meta.revs, [ref.key]: (meta.revs[ref.key] ?? 0) + 1 } },
        draft,
        prefillLine: index,
      };
    }
  }
}
