import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerInputSchema, customerToFields } from '../../src/customers/customer-input.ts';
import { customerTiers } from '../../src/customers/customer-tiers.ts';
import { paymentMethods } from '../../src/customers/payment-methods.ts';
import { fieldErrors } from '../../src/db/field-rules.ts';

const valid = {
  code: 'ACME',
  name: 'Acme Industrial',
  credit_limit: '25000',
  outstanding: '',
  credit_stop: false,
  payment_methods: ['net30'],
  tier: 'gold',
  account_owner_id: null,
  connect_channel_id: null,
};

const errorsOf = (patch: Record<string, unknown>) => {
  const parsed = customerInputSchema.safeParse({ ...valid, ...patch });
  return parsed.success ? {} : fieldErrors(parsed.error);
};

describe('the customer schema', () => {
  it('reads a form (booleans, lists) and a CSV row (text) to the same customer', () => {
    const fromForm = customerInputSchema.parse({
      ...valid,
      code: 'acme-1',
      credit_stop: true,
      payment_methods: ['prepaid', 'net30'],
      account_owner_id: 'U0DANA',
      connect_channel_id: 'C0SHARED',
    });
    const fromCsv = customerInputSchema.parse({
      ...valid,
      code: ' ACME-1 ',
      credit_stop: 'Yes',
      payment_methods: 'NET30; prepaid',
      account_owner_id: 'U0DANA',
      connect_channel_id: 'C0SHARED',
      credit_limit: '25000.00',
    });
    expect(fromForm).toEqual(fromCsv);
    expect(fromForm).toEqual({
      code: 'ACME-1',
      name: 'Acme Industrial',
      creditLimitCents: 2_500_000,
      outstandingCents: 0,
      creditStop: true,
      paymentMethods: ['prepaid', 'net30'],
      tier: 'gold',
      accountOwnerId: 'U0DANA',
      connectChannelId: 'C0SHARED',
    });
  });

  it('keeps names exactly as typed: emoji, CJK, markup, quotes, SQL', () => {
    for (const name of [
      '  spaced  ',
      '🚀 Rocket Co',
      '北京机械有限公司',
      '<!channel> & *x*',
      'O\'Brien"; DROP TABLE x;--',
    ]) {
      expect(customerInputSchema.parse({ ...valid, name }).name).toBe(name);
    }
  });

  it('counts characters as people do: 200 emoji fit, 201 do not', () => {
    expect(errorsOf({ name: '😀'.repeat(200) })).toEqual({});
    expect(errorsOf({ name: '😀'.repeat(201) })).toEqual({
      name: 'Name is 201 characters long; at most 200 are allowed',
    });
  });

  it.each([
    ['', 'Name is required'],
    ['   ', 'Name is required'],
    ['a\u0000b', 'Name cannot contain line breaks or control characters'],
    ['two\nlines', 'Name cannot contain line breaks or control characters'],
  ])('refuses the name %j', (name, message) => {
    expect(errorsOf({ name })).toEqual({ name: message });
  });

  it.each([
    ['', 'Customer code is required'],
    ['AC ME', '"AC ME" is not a valid customer code: use 1–32 letters, digits, - or _'],
    ['ÄCME', '"ÄCME" is not a valid customer code: use 1–32 letters, digits, - or _'],
    ["A'; --", `"A'; --" is not a valid customer code: use 1–32 letters, digits, - or _`],
    ['X'.repeat(33), 'Customer code is 33 characters long; at most 32 are allowed'],
  ])('refuses the code %j', (code, message) => {
    expect(errorsOf({ code })).toEqual({ code: message });
  });

  it.each([
    ['0', 0],
    ['7', 700],
    ['7.5', 750],
    ['007.05', 705],
    [' 1000000000.00 ', 100_000_000_000],
    [12.5, 1250],
  ])('reads the amount %j as %i cents', (typed, cents) => {
    expect(customerInputSchema.parse({ ...valid, credit_limit: typed }).creditLimitCents).toBe(cents);
  });

  it.each([
    ['abc', '"abc" is not an amount: credit limit takes digits with at most two decimals, like 2500.00'],
    ['NaN', '"NaN" is not an amount'],
    ['1e309', '"1e309" is not an amount'],
    ['Infinity', '"Infinity" is not an amount'],
    [Number.NaN, '"NaN" is not an amount'],
    [Number.POSITIVE_INFINITY, '"Infinity" is not an amount'],
    ['1,000', '"1,000" is not an amount'],
    ['-1', 'Credit limit cannot be negative ("-1")'],
    ['0.001', 'Credit limit has at most two decimals (cents); "0.001" has more'],
    ['1000000000.01', 'Credit limit must be at most 1,000,000,000.00'],
    ['9'.repeat(3000), 'Credit limit must be at most 1,000,000,000.00'],
    ['', 'Credit limit is required'],
  ])('refuses the credit limit %j', (typed, message) => {
    expect(errorsOf({ credit_limit: typed }).credit_limit).toContain(message);
  });

  it('leaves outstanding receivables at 0, the tier standard and credit stop off when empty', () => {
    const parsed = customerInputSchema.parse({ ...valid, outstanding: null, tier: '', credit_stop: '' });
    expect(parsed).toMatchObject({ outstandingCents: 0, tier: 'standard', creditStop: false });
  });

  it('refuses unknown payment methods, tiers, yes/no words and Slack ids, naming the rule', () => {
    expect(
      errorsOf({
        payment_methods: 'net30 bitcoin iou',
        tier: 'platinum',
        credit_stop: 'maybe',
        account_owner_id: '@dana',
        connect_channel_id: 'D0DM',
      }),
    ).toEqual({
      payment_methods:
        '"bitcoin", "iou" are not among the payment methods: use prepaid, cod, net15, net30, net60 or letter_of_credit',
      tier: '"platinum" is not a tier: use standard, silver, gold or strategic',
      credit_stop: '"maybe" is not yes or no: credit stop takes yes/no or true/false',
      account_owner_id: '"@dana" is not a Slack user id: account owner takes one like U012ABCDEF',
      connect_channel_id: '"D0DM" is not a Slack channel id: Slack Connect channel takes one like C012ABCDEF',
    });
    expect(errorsOf({ payment_methods: [] })).toEqual({
      payment_methods: 'Choose at least one of the payment methods',
    });
  });

  it('gives back what it was given, through the form values an edit is prefilled with', () => {
    const customer = fc.record({
      code: fc.stringMatching(/^[A-Z0-9_-]{1,32}$/),
      name: fc
        .string({ minLength: 1, maxLength: 200, unit: 'grapheme' })
        .filter(
          (s) => s.trim() !== '' && ![...s].some((ch) => (ch.codePointAt(0) ?? 0) < 32 || ch === '\u007f'),
        ),
      creditLimitCents: fc.integer({ min: 0, max: 100_000_000_000 }),
      outstandingCents: fc.integer({ min: 0, max: 100_000_000_000 }),
      creditStop: fc.boolean(),
      paymentMethods: fc.subarray([...paymentMethods], { minLength: 1 }),
      tier: fc.constantFrom(...customerTiers),
      accountOwnerId: fc.option(fc.stringMatching(/^U[A-Z0-9]{2,10}$/), { nil: null }),
      connectChannelId: fc.option(fc.stringMatching(/^C[A-Z0-9]{2,10}$/), { nil: null }),
    });
    fc.assert(
      fc.property(customer, (c) => {
        expect(customerInputSchema.parse(customerToFields(c))).toEqual(c);
      }),
    );
  });
});
