import { type Block, escapeMrkdwn, plain, truncate } from '../../blocks/block-kit.ts';
import { parseIsoDate } from '../../calendar.ts';
import { isPaymentMethod, paymentMethodLabels } from '../../customers/payment-methods.ts';
import { formatCents, parseMoneyToCents } from '../../money.ts';
import { type DraftLine, maxOrderLines, maxQuantity, type OrderDraft } from '../order-draft.ts';
import { textLimits } from '../review/review-types.ts';
import { lineBlockId, type OrderModalMeta, orderModal } from './order-modal-ids.ts';

export interface OrderModalContent {
  meta: OrderModalMeta;
  /** What to show, as typed; `lines` lines up with `meta.lines`. */
  draft: OrderDraft;
  /** The chosen customer, when the draft names a known one. */
  customer: { code: string; name: string } | null;
  /** Known products the draft names, by upper-cased sku. */
  products: ReadonlyMap<string, { sku: string; name: string }>;
  /** The methods the customer may pay with (all methods until a customer is chosen). */
  paymentOptions: readonly string[];
  /** What the one-liner could not understand, shown at the top. */
  notUnderstood: readonly string[];
}

const option = (text: string, value: string) => ({ text: plain(text, 75), value });
export const customerOption = (c: { code: string; name: string }) => option(`${c.code} — ${c.name}`, c.code);
export const productOption = (p: { sku: string; name: string }) => option(`${p.sku} — ${p.name}`, p.sku);
const methodOption = (m: string) => option(isPaymentMethod(m) ? paymentMethodLabels[m] : m, m);

/**
 * The new-order modal: header fields, then four inputs per line, then Add / Remove line. Typed
 * values come back as initial values; what Slack could not show (a date that is not a date, a
 * product it does not know) is listed at the top instead of being dropped.
 */
export function buildOrderModal(content: OrderModalContent): Record<string, unknown> {
  const { draft, meta } = content;
  const notices = notUnderstoodNotices(content.notUnderstood);
  const blocks: Block[] = [];

  blocks.push(
    input(
      'customer',
      'Customer',
      {
        type: 'external_select',
        action_id: orderModal.customer,
        placeholder: plain('Search by code or name'),
        min_query_length: 1,
        ...(content.customer ? { initial_option: customerOption(content.customer) } : {}),
      },
      { dispatch_action: true },
    ),
  );
  if (draft.customerCode && !content.customer) notices.push(`customer “${draft.customerCode}” is not known`);

  blocks.push(
    input(
      'customer_po',
      'Customer PO',
      text('customer_po', draft.customerPo, textLimits.customerPo, notices),
      { optional: true },
    ),
  );

  const date = draft.deliveryDate ? parseIsoDate(draft.deliveryDate) : null;
  if (date && !date.ok) notices.push(`delivery date “${draft.deliveryDate}”: ${date.message}`);
  blocks.push(
    input('delivery_date', 'Delivery date', {
      type: 'datepicker',
      action_id: 'delivery_date',
      ...(date?.ok ? { initial_date: date.value } : {}),
    }),
  );

  const methods = content.paymentOptions.length ? content.paymentOptions : ['prepaid'];
  const allowed = draft.paymentMethod && methods.includes(draft.paymentMethod) ? draft.paymentMethod : null;
  // A customer who pays only one way leaves nothing to choose.
  const chosen = allowed ?? (methods.length === 1 ? (methods[0] ?? null) : null);
  if (draft.paymentMethod && !allowed)
    notices.push(`payment “${draft.paymentMethod}” is not one this customer may use`);
  blocks.push(
    input('payment_method', 'Payment method', {
      type: 'static_select',
      action_id: 'payment_method',
      options: methods.map(methodOption),
      ...(chosen ? { initial_option: methodOption(chosen) } : {}),
    }),
  );
  blocks.push(
    input(
      'notes',
      'Notes',
      { ...text('notes', draft.notes, textLimits.notes, notices), multiline: true },
      { optional: true },
    ),
  );

  meta.lines.forEach((key, i) => {
    blocks.push(...lineInputs(key, i, draft.lines[i] ?? {}, meta.revs[key] ?? 0, content.products, notices));
  });
  blocks.push(lineActions(meta.lines.length));

  if (notices.length) {
    const list = notices.map((n) => `• ${escapeMrkdwn(n)}`).join('\n');
    blocks.unshift({
      type: 'section',
      block_id: 'notice',
      text: { type: 'mrkdwn', text: truncate(`:warning: *Please check:*\n${list}`, 3000) },
    });
  }
  return {
    type: 'modal',
    callback_id: orderModal.callbackId,
    title: plain('New order', 24),
    submit: plain('Submit', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}

/** The parser's leftovers, quoted and kept short; its own "N more lines" note is shown as it is. */
function notUnderstoodNotices(fragments: readonly string[]): string[] {
  const shown = fragments
    .slice(0, 10)
    .map((f) => (/^[\d,]+ more lines? \(/.test(f) ? f : `not understood: “${truncate(f, 80)}”`));
  if (fragments.length > 10) shown.push(`…and ${fragments.length - 10} more things not understood`);
  return shown;
}

function lineInputs(
  key: string,
  i: number,
  line: Partial<DraftLine>,
  rev: number,
  products: OrderModalContent['products'],
  notices: string[],
): Block[] {
  const n = i + 1;
  const sku = line.sku?.trim().toUpperCase() ?? '';
  const product = sku ? products.get(sku) : undefined;
  if (sku && !product) notices.push(`line ${n}: product “${line.sku}” is not known`);
  const quantity = line.quantity?.trim() ?? '';
  const quantityOk = /^\d{1,10}$/.test(quantity) && Number(quantity) <= maxQuantity;
  if (quantity && !quantityOk) notices.push(`line ${n}: quantity “${quantity}” is not a whole number`);
  const price = line.unitPrice ? parseMoneyToCents(line.unitPrice) : null;
  if (price && !price.ok) notices.push(`line ${n}: price “${line.unitPrice}”: ${price.message}`);
  return [
    input(
      lineBlockId(key, 'product'),
      `Line ${n} · product`,
      {
        type: 'external_select',
        action_id: orderModal.product,
        placeholder: plain('Search by SKU or name'),
        min_query_length: 1,
        ...(product ? { initial_option: productOption(product) } : {}),
      },
      { dispatch_action: true },
    ),
    input(
      lineBlockId(key, 'spec', rev),
      `Line ${n} · specification`,
      text('spec', line.spec ?? null, textLimits.spec, notices),
      {
        optional: true,
      },
    ),
    input(lineBlockId(key, 'quantity'), `Line ${n} · quantity`, {
      type: 'number_input',
      action_id: 'quantity',
      is_decimal_allowed: false,
      min_value: '1',
      ...(quantityOk ? { initial_value: String(Number(quantity)) } : {}),
    }),
    input(
      lineBlockId(key, 'unit_price', rev),
      `Line ${n} · unit price`,
      {
        type: 'number_input',
        action_id: 'unit_price',
        is_decimal_allowed: true,
        ...(price?.ok ? { initial_value: formatCents(price.value).replaceAll(',', '') } : {}),
      },
      { optional: true, hint: 'Leave empty for the list price.' },
    ),
  ];
}

function lineActions(lineCount: number): Block {
  const elements: Record<string, unknown>[] = [];
  if (lineCount < maxOrderLines) {
    elements.push({ type: 'button', action_id: orderModal.addLine, text: plain('Add line'), value: 'add' });
  }
  if (lineCount > 1) {
    elements.push({
      type: 'static_select',
      action_id: orderModal.removeLine,
      placeholder: plain('Remove a line…'),
      options: Array.from({ length: lineCount }, (_, i) => option(`Remove line ${i + 1}`, String(i))),
    });
  }
  return { type: 'actions', block_id: 'line_actions', elements };
}

function text(actionId: string, value: string | null, max: number, notices: string[]) {
  const chars = Array.from(value ?? '');
  if (chars.length > max) notices.push(`${actionId.replace('_', ' ')} was cut to ${max} characters`);
  return {
    type: 'plain_text_input',
    action_id: actionId,
    max_length: max,
    ...(chars.length ? { initial_value: chars.slice(0, max).join('') } : {}),
  };
}

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  opts: { optional?: boolean; hint?: string; dispatch_action?: boolean } = {},
): Block {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    element,
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.dispatch_action ? { dispatch_action: true } : {}),
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
  };
}
