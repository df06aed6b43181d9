import { z } from 'zod';
import { type Block, plain } from '../blocks/block-kit.ts';
import { paymentMethod } from '../customers/payment-methods.ts';
import { AppError } from '../errors.ts';
import type { Finding } from '../intake/review/review-rules.ts';
import { formatCents } from '../money.ts';
import { unreadableForm } from '../slack/modal-submit.ts';
import type { OrderContent } from './order-content.ts';

export const changeFormId = 'change.form';

export interface ChangeFormOrder {
  id: number;
  number: string;
  status: string;
  content: OrderContent;
  /** Product names by SKU, for the line labels. */
  names: ReadonlyMap<string, string>;
  paymentMethods: readonly string[];
}

const formMeta = z.object({ orderId: z.int().positive(), lines: z.int().min(0).max(20) });
export type ChangeFormMeta = z.infer<typeof formMeta>;
/** The form's own metadata; a form we did not draw (or an older shape) cannot be read. */
export function readFormMeta(text: string) {
  try {
    return formMeta.parse(JSON.parse(text));
  } catch {
    throw new AppError('invalid_input', unreadableForm);
  }
}

const option = (m: string) => ({
  text: plain(paymentMethod.labelOf(m), 75),
  value: m,
});

/**
 * The change form, filled in with the order as it is now: date, payment, every line's quantity
 * (0 removes it), price and specification, one line to add, and the reason, which is required.
 */
export function buildChangeForm(order: ChangeFormOrder): Record<string, unknown> {
  const { content } = order;
  const methods = order.paymentMethods.includes(content.paymentMethod)
    ? order.paymentMethods
    : [content.paymentMethod, ...order.paymentMethods];
  const blocks: Block[] = [
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `Changing *${order.number}* as it is now. Quantity 0 removes a line.` },
      ],
    },
    input('delivery_date', 'Delivery date', {
      type: 'datepicker',
      action_id: 'delivery_date',
      initial_date: content.deliveryDate,
    }),
    input('payment_method', 'Payment method', {
      type: 'static_select',
      action_id: 'payment_method',
      options: methods.map(option),
      initial_option: option(content.paymentMethod),
    }),
  ];
  content.lines.forEach((line, i) => {
    const name = `Line ${i + 1} · ${line.sku} ${order.names.get(line.sku) ?? ''}`.trim();
    blocks.push(
      input(`line.${i}.quantity`, `${name} · quantity`, {
        type: 'number_input',
        action_id: 'quantity',
        is_decimal_allowed: false,
        min_value: '0',
        initial_value: String(line.quantity),
      }),
      input(`line.${i}.unit_price`, `${name} · unit price`, {
        type: 'number_input',
        action_id: 'unit_price',
        is_decimal_allowed: true,
        min_value: '0',
        initial_value: formatCents(line.unitPriceCents).replaceAll(',', ''),
      }),
      input(
        `line.${i}.spec`,
        `${name} · specification`,
        {
          type: 'plain_text_input',
          action_id: 'spec',
          max_length: 500,
          ...(line.spec ? { initial_value: line.spec } : {}),
        },
        true,
      ),
    );
  });
  if (content.lines.length < 20)
    blocks.push(
      input(
        'add.product',
        'Add a line · product SKU',
        { type: 'plain_text_input', action_id: 'product', max_length: 100 },
        true,
      ),
      input(
        'add.quantity',
        'Add a line · quantity',
        { type: 'number_input', action_id: 'quantity', is_decimal_allowed: false, min_value: '1' },
        true,
      ),
    );
  blocks.push(
    input('reason', 'Why does it change?', {
      type: 'plain_text_input',
      action_id: 'reason',
      multiline: true,
      max_length: 1000,
    }),
  );
  return {
    type: 'modal',
    callback_id: changeFormId,
    title: plain('Change order', 24),
    submit: plain('Preview', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify({
      orderId: order.id,
      lines: content.lines.length,
    } satisfies ChangeFormMeta),
    blocks,
  };
}

type Values = Record<
  string,
  Record<
    string,
    { value?: string | null; selected_date?: string | null; selected_option?: { value: string } | null }
  >
>;

export interface ChangeFormInput {
  deliveryDate: string;
  paymentMethod: string;
  /** The lines kept, as typed; `block` is where a finding about each belongs. */
  lines: { sku: string; spec: string; quantity: number; unitPriceCents: number | null; block: string }[];
  reason: string;
}

export type ChangeFormRead =
  | { ok: true; input: ChangeFormInput }
  | { ok: false; errors: Record<string, string> };

const wholeNumber = /^\d{1,9}$/;
const money = /^\d{1,10}(\.\d{1,2})?$/;

/** What the requester typed, checked: a clear message under each field that is wrong. */
export function readChangeForm(values: Values, meta: ChangeFormMeta, base: OrderContent): ChangeFormRead {
  const errors: Record<string, string> = {};
  const text = (block: string, action: string) => values[block]?.[action]?.value?.trim() ?? '';
  const deliveryDate = values.delivery_date?.delivery_date?.selected_date ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deliveryDate)) errors.delivery_date = 'Pick the delivery date.';
  const paymentMethod = values.payment_method?.payment_method?.selected_option?.value ?? '';
  if (!paymentMethod) errors.payment_method = 'Pick the payment method.';
  const lines: ChangeFormInput['lines'] = [];
  for (let i = 0; i < meta.lines; i++) {
    const was = base.lines[i];
    const quantity = text(`line.${i}.quantity`, 'quantity');
    const price = text(`line.${i}.unit_price`, 'unit_price');
    if (!wholeNumber.test(quantity)) errors[`line.${i}.quantity`] = 'Say a whole number; 0 removes the line.';
    if (!money.test(price)) errors[`line.${i}.unit_price`] = 'Say a price, e.g. 12.50.';
    if (!was || Number(quantity) === 0) continue;
    lines.push({
      sku: was.sku,
      spec: text(`line.${i}.spec`, 'spec'),
      quantity: Number(quantity),
      unitPriceCents: Math.round(Number(price) * 100),
      block: `line.${i}.quantity`,
    });
  }
  const addSku = text('add.product', 'product').toUpperCase();
  const addQuantity = text('add.quantity', 'quantity');
  if (addSku || addQuantity) {
    if (!addSku) errors['add.product'] = 'Say which product to add, by its SKU.';
    if (!wholeNumber.test(addQuantity) || Number(addQuantity) === 0)
      errors['add.quantity'] = 'Say how many, a whole number.';
    else if (addSku)
      lines.push({
        sku: addSku,
        spec: '',
        quantity: Number(addQuantity),
        unitPriceCents: null,
        block: 'add.product',
      });
  }
  if (!lines.length && !Object.keys(errors).length)
    errors.reason = 'An order keeps at least one line; to end it, cancel the order.';
  const reason = text('reason', 'reason');
  if (!reason) errors.reason = 'Say why it changes; the departments read it.';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: { deliveryDate, paymentMethod, lines, reason } };
}

/** A review finding under the field it is about in the change form. */
export function findingBlock(finding: Finding, lines: readonly { block: string }[]): string {
  const { field } = finding;
  if (typeof field === 'object') {
    const row = lines[field.line]?.block ?? 'reason';
    if (row.startsWith('add.')) return field.field === 'quantity' ? 'add.quantity' : 'add.product';
    const prefix = row.slice(0, row.lastIndexOf('.'));
    return field.field === 'product' ? `${prefix}.quantity` : `${prefix}.${field.field}`;
  }
  return field === 'delivery_date' || field === 'payment_method' ? field : 'reason';
}

function input(blockId: string, label: string, element: Record<string, unknown>, optional = false): Block {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    element,
    ...(optional ? { optional: true } : {}),
  };
}
