import { z } from 'zod';
import { amount, asColumns, code, flag, oneOf, slackId, someOf, text } from '../db/field-rules.ts';
import { centsToAmount } from '../money.ts';
import { customerTiers } from './customer-tiers.ts';
import { paymentMethods } from './payment-methods.ts';

/**
 * A customer as typed: the one schema behind the customer form and the CSV import, so a value
 * is accepted by one exactly when the other accepts it. Keys are the CSV columns and the form's
 * input block ids, so an error lands under the input, or next to the column, it is about.
 */
export const customerFields = z.object({
  code: code('Customer code', {
    max: 32,
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: '1–32 letters, digits, - or _',
  }),
  name: text('Name', { max: 200 }),
  credit_limit: amount('Credit limit'),
  outstanding: amount('Outstanding receivables', { empty: 0 }),
  credit_stop: flag('Credit stop'),
  payment_methods: someOf('Payment methods', paymentMethods),
  tier: oneOf('Tier', customerTiers, { empty: 'standard' }),
  account_owner_id: slackId('Account owner', 'user'),
  connect_channel_id: slackId('Slack Connect channel', 'channel'),
});

/** Parses typed values into a record shaped like the `customers` columns. */
export const customerInputSchema = asColumns(customerFields, {
  credit_limit: 'creditLimitCents',
  outstanding: 'outstandingCents',
});

export type CustomerFieldValues = z.input<typeof customerFields>;
export type CustomerInput = z.output<typeof customerInputSchema>;

/** A stored customer: a row read back holds plain strings where the input holds list values. */
export type StoredCustomer = Omit<CustomerInput, 'tier' | 'paymentMethods'> & {
  tier: string;
  paymentMethods: readonly string[];
};

/** A stored customer back as typed values: what the edit form is prefilled with. */
export function customerToFields(c: StoredCustomer): CustomerFieldValues {
  return {
    code: c.code,
    name: c.name,
    credit_limit: centsToAmount(c.creditLimitCents),
    outstanding: centsToAmount(c.outstandingCents),
    credit_stop: c.creditStop,
    payment_methods: [...c.paymentMethods],
    tier: c.tier,
    account_owner_id: c.accountOwnerId,
    connect_channel_id: c.connectChannelId,
  };
}
