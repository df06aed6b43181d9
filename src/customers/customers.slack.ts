import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { customerForm } from './customer-form.ts';
import { customerFields, customerInputSchema } from './customer-input.ts';
import { customerRecords } from './customer-records.ts';
import { recordsFeature } from './records-feature.ts';

/** Customers in Slack: `/order customer …` and the customer form. */
export function customersFeature(deps: FeatureDeps): SlackFeature {
  return recordsFeature(deps, {
    kind: customerRecords,
    form: customerForm,
    schema: customerInputSchema,
    command: {
      key: { rule: customerFields.shape.code, label: 'customer code', placeholder: 'CODE' },
      shows: 'its terms, credit and owner',
      example: '/order customer edit ACME',
      summary: 'add, change or look up a customer',
    },
  });
}
