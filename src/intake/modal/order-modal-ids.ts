import type { LineField } from '../review/review-types.ts';

/** Ids of the order modal, shared by the view, its listeners and the state reader. */
export const orderModal = {
  callbackId: 'order_new',
  shortcutId: 'order_new_shortcut',
  /** The App Home's New order button. */
  homeButton: 'home.new_order',
  confirmCallbackId: 'order_new_confirm',
  addLine: 'order_modal.add_line',
  removeLine: 'order_modal.remove_line',
  customer: 'customer',
  product: 'product',
} as const;

export const headerBlocks = ['customer', 'customer_po', 'delivery_date', 'payment_method', 'notes'] as const;
export type HeaderBlock = (typeof headerBlocks)[number];

/**
 * A line's input block: `line.<key>.<field>`, plus `~<rev>` when the bot refills the field (a
 * product chosen sets its spec and price). Slack keeps what a person typed in a block it has
 * seen before, so only a new block id shows a new initial value.
 */
export function lineBlockId(key: string, field: LineField, rev = 0): string {
  return `line.${key}.${field}${rev ? `~${rev}` : ''}`;
}

export function parseLineBlockId(blockId: string): { key: string; field: LineField; rev: number } | null {
  const match = /^line\.([a-z0-9]+)\.(product|spec|quantity|unit_price)(?:~(\d+))?$/.exec(blockId);
  if (!match) return null;
  return { key: match[1] ?? '', field: match[2] as LineField, rev: Number(match[3] ?? 0) };
}

/** What the modal remembers between updates, in private_metadata (3,000 characters at most). */
export interface OrderModalMeta {
  /** The lines' keys, in order; a key never changes while the modal is open. */
  lines: string[];
  /** The next key to hand out. */
  next: number;
  /** Per line key, the revision of its spec and price blocks. */
  revs: Record<string, number>;
}
