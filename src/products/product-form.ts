import { z } from 'zod';
import { choicesOf, input, numberElement, selectElement, textElement } from '../customers/form-inputs.ts';
import { type InputValue, inputValues, single } from '../customers/view-values.ts';
import { centsToAmount, MAX_AMOUNT_CENTS } from '../db/field-rules.ts';
import { type Block, plain, section } from '../slack/block-kit.ts';
import { productCategories, productCategoryLabels } from './product-categories.ts';
import type { ProductFieldValues } from './product-input.ts';

/** The product form: one modal for adding and editing, told apart by its private_metadata. */
export const productFormCallback = 'product_save';

const target = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('add') }),
  z.object({ mode: z.literal('edit'), sku: z.string().min(1) }),
]);
export type ProductFormTarget = z.infer<typeof target>;

const maxAmount = centsToAmount(MAX_AMOUNT_CENTS);

export function productFormView(to: ProductFormTarget, values: Partial<ProductFieldValues>) {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const count = (v: unknown, min: string, max: string) => numberElement(str(v), { decimal: false, min, max });
  const blocks: Block[] = [
    to.mode === 'add'
      ? input('sku', 'SKU', textElement(str(values.sku), { max: 40 }), {
          hint: 'Letters, digits, -, _ and .; kept in capitals, e.g. HB-M12X50-8.8.',
        })
      : section(`Product *${to.sku}* — its SKU stays as it is.`, 'sku_shown'),
    input('name', 'Name', textElement(str(values.name), { max: 200 })),
    input(
      'category',
      'Category',
      selectElement(choicesOf(productCategories, productCategoryLabels), str(values.category), 'Choose one'),
    ),
    input('unit', 'Unit', textElement(str(values.unit), { max: 20 }), {
      optional: true,
      hint: 'What one is counted in: pcs, m, kg, box… Empty means pcs.',
    }),
    input(
      'list_price',
      'List price',
      numberElement(str(values.list_price), { decimal: true, min: '0.01', max: maxAmount }),
      { hint: 'Per unit, before any discount, e.g. 12.50.' },
    ),
    input('pack_size', 'Pack size', count(values.pack_size, '1', '1000000'), {
      optional: true,
      hint: 'Units per pack. Empty means 1.',
    }),
    input('min_order_qty', 'Minimum order quantity', count(values.min_order_qty, '1', '1000000'), {
      optional: true,
      hint: 'In units. Empty means 1.',
    }),
    input('lead_time_days', 'Lead time (days)', count(values.lead_time_days, '0', '365'), {
      optional: true,
      hint: 'Days from order to ready to ship; 0 means from stock.',
    }),
    input(
      'default_spec',
      'Default specification',
      textElement(str(values.default_spec), { max: 500, multiline: true }),
      {
        optional: true,
        hint: 'Printed on every order line unless the order says otherwise.',
      },
    ),
  ];
  return {
    type: 'modal',
    callback_id: productFormCallback,
    private_metadata: JSON.stringify(to),
    title: plain(to.mode === 'add' ? 'Add product' : 'Edit product', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}

/** The form's input block ids, top to bottom. */
export const productFormInputs = (to: ProductFormTarget) =>
  [
    ...(to.mode === 'add' ? ['sku'] : []),
    'name',
    'category',
    'unit',
    'list_price',
    'pack_size',
    'min_order_qty',
    'lead_time_days',
    'default_spec',
  ] as const;

/** What a submitted form says: which product it is for, and the values as typed. */
export function readProductForm(view: { private_metadata: string; state: { values: unknown } }): {
  to: ProductFormTarget;
  fields: ProductFieldValues;
} {
  const to = target.parse(JSON.parse(view.private_metadata));
  const v: Record<string, InputValue> = inputValues(view.state.values);
  return {
    to,
    fields: {
      sku: to.mode === 'edit' ? to.sku : single(v.sku),
      name: single(v.name),
      category: single(v.category),
      unit: single(v.unit),
      list_price: single(v.list_price),
      pack_size: single(v.pack_size),
      min_order_qty: single(v.min_order_qty),
      lead_time_days: single(v.lead_time_days),
      default_spec: single(v.default_spec),
    },
  };
}
