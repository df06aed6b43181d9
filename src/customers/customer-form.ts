import {
  channelSelectElement,
  checkboxesElement,
  choicesOf,
  initialText,
  input,
  numberElement,
  radioElement,
  userSelectElement,
} from '../blocks/form-inputs.ts';
import { list, single } from '../blocks/view-values.ts';
import { centsToAmount, MAX_AMOUNT_CENTS } from '../money.ts';
import { customerToFields } from './customer-input.ts';
import { customerRecords } from './customer-records.ts';
import { customerTierLabels, customerTiers } from './customer-tiers.ts';
import { paymentMethodLabels, paymentMethods } from './payment-methods.ts';
import { recordForm } from './record-form.ts';

const creditStopTicked = 'credit_stop';
const maxAmount = centsToAmount(MAX_AMOUNT_CENTS);
const money = (initial: unknown) =>
  numberElement(initialText(initial), { decimal: true, min: '0', max: maxAmount });

/** The customer form: one modal for adding and editing a customer. */
export const customerForm = recordForm(customerRecords, {
  keyLabel: 'code',
  keyInput: {
    label: 'Customer code',
    max: 32,
    hint: 'Letters, digits, - and _; kept in capitals. People type it in commands, e.g. ACME.',
  },
  inputs: (values) => [
    input('credit_limit', 'Credit limit', money(values.credit_limit), {
      hint: 'The most this customer may owe at once, e.g. 25000.00.',
    }),
    input('outstanding', 'Outstanding receivables', money(values.outstanding), {
      optional: true,
      hint: 'Invoiced and not yet paid. Empty means 0.',
    }),
    input(
      'credit_stop',
      'Credit stop',
      checkboxesElement(
        [{ value: creditStopTicked, label: 'On credit stop: take no new orders' }],
        values.credit_stop === true ? [creditStopTicked] : [],
      ),
      { optional: true },
    ),
    input(
      'payment_methods',
      'Allowed payment methods',
      checkboxesElement(choicesOf(paymentMethods, paymentMethodLabels), list(values.payment_methods ?? null)),
      { hint: 'An order may use any of these; tick at least one.' },
    ),
    input(
      'tier',
      'Tier',
      radioElement(choicesOf(customerTiers, customerTierLabels), initialText(values.tier) ?? 'standard'),
    ),
    input(
      'account_owner_id',
      'Account owner',
      userSelectElement(initialText(values.account_owner_id), 'Choose a person'),
      {
        optional: true,
      },
    ),
    input(
      'connect_channel_id',
      'Slack Connect channel',
      channelSelectElement(initialText(values.connect_channel_id), 'Choose a channel'),
      { optional: true, hint: 'The channel shared with the customer, if there is one.' },
    ),
  ],
  read: (v, code) => ({
    code,
    name: single(v.name),
    credit_limit: single(v.credit_limit),
    outstanding: single(v.outstanding),
    credit_stop: list(v.credit_stop).includes(creditStopTicked),
    payment_methods: list(v.payment_methods),
    tier: single(v.tier),
    account_owner_id: single(v.account_owner_id),
    connect_channel_id: single(v.connect_channel_id),
  }),
  toFields: customerToFields,
});
