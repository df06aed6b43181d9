import { showCustomerView } from '../customer-view/customer-view.ts';
import type { RecordCommandText } from '../slack/record-subcommand.ts';
import { customerForm } from './customer-form.ts';
import { customerFields } from './customer-input.ts';
import { customerRecords } from './customer-records.ts';
import { recordsSlack } from './records-feature.ts';

const customerCommand: RecordCommandText = {
  key: { rule: customerFields.shape.code, label: 'customer code', placeholder: 'CODE' },
  shows: 'its orders, value, on-time rate, satisfaction and credit used (also `/order customer <name>`)',
  example: '/order customer ACME',
  summary: 'add, change or look up a customer: its whole history at a glance',
};

/** Customers in Slack: `/order customer …` and the customer form. */
const customers = recordsSlack({
  kind: customerRecords,
  form: customerForm,
  command: customerCommand,
  view: showCustomerView,
});

export const customerCommands = customers.commands;
export const customersFeature = customers.feature;
