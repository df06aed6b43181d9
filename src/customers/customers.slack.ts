import { showCustomerView } from '../customer-view/customer-view.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { type RecordCommandText, recordCommandTexts } from '../slack/record-subcommand.ts';
import { customerForm } from './customer-form.ts';
import { customerFields, customerInputSchema } from './customer-input.ts';
import { customerRecords } from './customer-records.ts';
import { recordsFeature } from './records-feature.ts';

const customerCommand: RecordCommandText = {
  key: { rule: customerFields.shape.code, label: 'customer code', placeholder: 'CODE' },
  shows: 'its orders, value, on-time rate, satisfaction and credit used (also `/order customer <name>`)',
  example: '/order customer ACME',
  summary: 'add, change or look up a customer: its whole history at a glance',
};

export const customerCommands = recordCommandTexts(customerRecords.noun, customerCommand);

/** Customers in Slack: `/order customer …` and the customer form. */
export function customersFeature(deps: FeatureDeps): SlackFeature {
  return recordsFeature(deps, {
    kind: customerRecords,
    form: customerForm,
    schema: customerInputSchema,
    command: customerCommand,
    view: (actor, words) => showCustomerView(deps.ctx, actor, words),
  });
}
