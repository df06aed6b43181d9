import { recordsSlack } from '../customers/records-feature.ts';
import type { RecordCommandText } from '../slack/record-subcommand.ts';
import { productForm } from './product-form.ts';
import { productFields } from './product-input.ts';
import { productRecords } from './product-records.ts';

const productCommand: RecordCommandText = {
  key: { rule: productFields.shape.sku, label: 'SKU', placeholder: 'SKU' },
  shows: 'its price, pack size, minimum order and lead time',
  example: '/order product show HB-M12X50-8.8',
  summary: 'add, change or look up a product',
};

/** Products in Slack: `/order product …` and the product form. */
const products = recordsSlack({ kind: productRecords, form: productForm, command: productCommand });

export const productCommands = products.commands;
export const productsFeature = products.feature;
