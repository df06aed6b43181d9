import { recordsFeature } from '../customers/records-feature.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { type RecordCommandText, recordCommandTexts } from '../slack/record-subcommand.ts';
import { productForm } from './product-form.ts';
import { productFields, productInputSchema } from './product-input.ts';
import { productRecords } from './product-records.ts';

const productCommand: RecordCommandText = {
  key: { rule: productFields.shape.sku, label: 'SKU', placeholder: 'SKU' },
  shows: 'its price, pack size, minimum order and lead time',
  example: '/order product show HB-M12X50-8.8',
  summary: 'add, change or look up a product',
};

export const productCommands = recordCommandTexts(productRecords.noun, productCommand);

/** Products in Slack: `/order product …` and the product form. */
export function productsFeature(deps: FeatureDeps): SlackFeature {
  return recordsFeature(deps, {
    kind: productRecords,
    form: productForm,
    schema: productInputSchema,
    command: productCommand,
  });
}
