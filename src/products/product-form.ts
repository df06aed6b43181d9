import {
  choicesOf,
  initialText,
  input,
  numberElement,
  selectElement,
  textElement,
} from '../blocks/form-inputs.ts';
import { single } from '../blocks/view-values.ts';
import { recordForm } from '../customers/record-form.ts';
import { centsToAmount, MAX_AMOUNT_CENTS } from '../money.ts';
import { productCategories, productCategoryLabels } from './product-categories.ts';
import { productToFields } from './product-input.ts';
import { productRecords } from './product-records.ts';

const maxAmount = centsToAmount(MAX_AMOUNT_CENTS);
const count = (v: unknown, min: string, max: string) =>
  numberElement(initialText(v), { decimal: false, min, max });

/** The product form: one modal for adding and editing a product. */
export const productForm = recordForm(productRecords, {
  keyLabel: 'SKU',
  keyInput: {
    label: 'SKU',
    max: 40,
    hint: 'Letters, digits, -, _ and .; kept in capitals, e.g. HB-M12X50-8.8.',
  },
  inputs: (values) => [
    input(
      'category',
      'Category',
      selectElement(
        choicesOf(productCategories, productCategoryLabels),
        initialText(values.category),
        'Choose one',
      ),
    ),
    input('unit', 'Unit', textElement(initialText(values.unit), { max: 20 }), {
      optional: true,
      hint: 'What one is counted in: pcs, m, kg, box… Empty means pcs.',
    }),
    input(
      'list_price',
      'List price',
      numberElement(initialText(values.list_price), { decimal: true, min: '0.01', max: maxAmount }),
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
      textElement(initialText(values.default_spec), { max: 500, multiline: true }),
      {
        optional: true,
        hint: 'Printed on every order line unless the order says otherwise.',
      },
    ),
    input('guide_url', 'Guide link', textElement(initialText(values.guide_url), { max: 500 }), {
      optional: true,
      hint: 'A web page for the customer (manual, care guide): offered in the delivery message.',
    }),
  ],
  read: (v, sku) => ({
    sku,
    name: single(v.name),
    category: single(v.category),
    unit: single(v.unit),
    list_price: single(v.list_price),
    pack_size: single(v.pack_size),
    min_order_qty: single(v.min_order_qty),
    lead_time_days: single(v.lead_time_days),
    default_spec: single(v.default_spec),
    guide_url: single(v.guide_url),
  }),
  toFields: productToFields,
});
