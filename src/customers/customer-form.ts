import { z } from 'zod';
import { centsToAmount, MAX_AMOUNT_CENTS } from '../db/field-rules.ts';
import { type Block, plain, section } from '../slack/block-kit.ts';
import type { CustomerFieldValues } from './customer-input.ts';
import { customerTierLabels, customerTiers } from './customer-tiers.ts';
import {
  channelSelectElement,
  checkboxesElement,
  choicesOf,
  input,
  numberElement,
  radioElement,
  textElement,
  userSelectElement,
} from './form-inputs.ts';
import { paymentMethodLabels, paymentMethods } from './payment-methods.ts';
import { type InputValue, inputValues, list, single } from './view-values.ts';

/** The customer form: one modal for adding and editing, told apart by its private_metadata. */
export const customerFormCallback = 'customer_save';

const target = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('add') }),
  z.object({ mode: z.literal('edit'), code: z.string().min(1) }),
]);
export type CustomerFormTarget = z.infer<typeof target>;

const creditStopTicked = 'credit_stop';
const maxAmount = centsToAmount(MAX_AMOUNT_CENTS);

export function customerFormView(to: CustomerFormTarget, values: Partial<CustomerFieldValues>) {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const money = (initial: unknown) =>
    numberElement(str(initial), { decimal: true, min: '0', max: maxAmount });
  const blocks: Block[] = [
    to.mode === 'add'
      ? input('code', 'Customer code', textElement(str(values.code), { max: 32 }), {
          hint: 'Letters, digits, - and _; kept in capitals. People type it in commands, e.g. ACME.',
        })
      : section(`Customer *${to.code}* — its code stays as it is.`, 'code_shown'),
    input('name', 'Name', textElement(str(values.name), { max: 200 })),
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
      radioElement(choicesOf(customerTiers, customerTierLabels), str(values.tier) ?? 'standard'),
    ),
    input(
      'account_owner_id',
      'Account owner',
      userSelectElement(str(values.account_owner_id), 'Choose a person'),
      {
        optional: true,
      },
    ),
    input(
      'connect_channel_id',
      'Slack Connect channel',
      channelSelectElement(str(values.connect_channel_id), 'Choose a channel'),
      { optional: true, hint: 'The channel shared with the customer, if there is one.' },
    ),
  ];
  return {
    type: 'modal',
    callback_id: customerFormCallback,
    private_metadata: JSON.stringify(to),
    title: plain(to.mode === 'add' ? 'Add customer' : 'Edit customer', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}

/** The form's input block ids, top to bottom. */
export const customerFormInputs = (to: CustomerFormTarget) =>
  [
    ...(to.mode === 'add' ? ['code'] : []),
    'name',
    'credit_limit',
    'outstanding',
    'credit_stop',
    'payment_methods',
    'tier',
    'account_owner_id',
    'connect_channel_id',
  ] as const;

/** What a submitted form says: which customer it is for, and the values as typed. */
export function readCustomerForm(view: { private_metadata: string; state: { values: unknown } }): {
  to: CustomerFormTarget;
  fields: CustomerFieldValues;
} {
  const to = target.parse(JSON.parse(view.private_metadata));
  const v: Record<string, InputValue> = inputValues(view.state.values);
  return {
    to,
    fields: {
      code: to.mode === 'edit' ? to.code : single(v.code),
      name: single(v.name),
      credit_limit: single(v.credit_limit),
      outstanding: single(v.outstanding),
      credit_stop: list(v.credit_stop).includes(creditStopTicked),
      payment_methods: list(v.payment_methods),
      tier: single(v.tier),
      account_owner_id: single(v.account_owner_id),
      connect_channel_id: single(v.connect_channel_id),
    },
  };
}
