import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOneLiner } from '../../src/intake/one-liner/one-line-parser.ts';
import { type DraftLine, emptyDraft, type OrderDraft } from '../../src/intake/order-draft.ts';
import {
  type CatalogProduct,
  type Finding,
  type ReviewInput,
  reviewedOrder,
  reviewOrder,
  ruleNames,
} from '../../src/intake/review/review-rules.ts';

const widget: CatalogProduct = {
  sku: 'WIDGET-A',
  name: 'Widget A',
  listPriceCents: 1250,
  packSize: 1,
  minOrderQty: 1,
  leadTimeDays: 12,
};
const bolt: CatalogProduct = {
  sku: 'BOLT-M8',
  name: 'Bolt M8',
  listPriceCents: 20,
  packSize: 50,
  minOrderQty: 100,
  leadTimeDays: 3,
};
const acme = { code: 'ACME', name: 'Acme Corp', paymentMethods: ['net30', 'prepaid'] };

const line = (quantity: string | null, sku: string | null, unitPrice: string | null = null): DraftLine => ({
  sku,
  spec: null,
  quantity,
  unitPrice,
});

const goodDraft: OrderDraft = {
  customerCode: 'ACME',
  customerPo: 'PO-77',
  deliveryDate: '2026-12-20',
  paymentMethod: 'net30',
  notes: null,
  lines: [line('10', 'WIDGET-A', '12.50'), line('100', 'BOLT-M8')],
};

function review(draft: Partial<OrderDraft>, more: Partial<ReviewInput> = {}): ReviewInput {
  return {
    draft: { ...goodDraft, ...draft },
    today: '2026-11-27',
    customer: acme,
    products: new Map([
      ['WIDGET-A', widget],
      ['BOLT-M8', bolt],
    ]),
    poUsedBy: null,
    policy: { priceWarnPercent: 15, priceFloorPercent: 70 },
    deliveryHorizonDays: 730,
    ...more,
  };
}

const withLine = (l: DraftLine) => review({ lines: [l] });
const only = (findings: Finding[]) =>
  findings.map(({ rule, severity, field, message }) => ({ rule, severity, field, message }));

describe('reviewing an order before it is stored', () => {
  it("passes the issue's one-liner once the bolts are ordered in packs, pricing them at list", () => {
    const { draft } = parseOneLiner(
      'ACME PO-77 10 x WIDGET-A @12.50, 100 x BOLT-M8 due 2026-12-20 pay net30',
    );
    const input = review(draft);
    expect(reviewOrder(input)).toEqual([]);
    expect(reviewedOrder(input)).toEqual({
      ok: true,
      warnings: [],
      order: {
        customerCode: 'ACME',
        customerPo: 'PO-77',
        deliveryDate: '2026-12-20',
        paymentMethod: 'net30',
        notes: '',
        totalCents: 14_500,
        lines: [
          { sku: 'WIDGET-A', spec: '', quantity: 10, unitPriceCents: 1250, amountCents: 12_500 },
          { sku: 'BOLT-M8', spec: '', quantity: 100, unitPriceCents: 20, amountCents: 2_000 },
        ],
      },
    });
  });

  it('asks for every required field of an empty draft, under the field concerned', () => {
    expect(only(reviewOrder(review(emptyDraft())))).toEqual([
      { rule: 'customer_missing', severity: 'error', field: 'customer', message: 'Choose a customer.' },
      {
        rule: 'delivery_date_missing',
        severity: 'error',
        field: 'delivery_date',
        message: 'Enter a delivery date, such as 2026-12-20.',
      },
      {
        rule: 'payment_method_missing',
        severity: 'error',
        field: 'payment_method',
        message: 'Choose a payment method.',
      },
      { rule: 'lines_missing', severity: 'error', field: 'lines', message: 'Add at least one line.' },
    ]);
  });

  it('names a customer code nobody has', () => {
    expect(reviewOrder(review({ customerCode: 'ACNE' }, { customer: null }))).toEqual([
      {
        rule: 'customer_unknown',
        severity: 'error',
        field: 'customer',
        message: 'No customer has the code “ACNE”.',
      },
    ]);
  });

  it('refuses a customer PO already used by another order of the customer, naming that order', () => {
    expect(reviewOrder(review({}, { poUsedBy: 'SO-2026-000012' }))).toEqual([
      {
        rule: 'customer_po_used',
        severity: 'error',
        field: 'customer_po',
        message: 'PO-77 is already used by SO-2026-000012.',
      },
    ]);
  });

  it('refuses a delivery date in the past and says when the earliest feasible delivery is', () => {
    expect(reviewOrder(review({ deliveryDate: '2026-11-01' }))).toEqual([
      {
        rule: 'delivery_date_past',
        severity: 'error',
        field: 'delivery_date',
        message:
          '2026-11-01 is in the past. Earliest feasible delivery is 2026-12-09 (WIDGET-A takes 12 days).',
      },
    ]);
  });

  it('refuses a delivery date sooner than the longest lead time, and accepts that day itself', () => {
    expect(reviewOrder(review({ deliveryDate: '2026-12-08' }))).toEqual([
      {
        rule: 'delivery_date_too_soon',
        severity: 'error',
        field: 'delivery_date',
        message: '2026-12-08 is too soon. Earliest feasible delivery is 2026-12-09 (WIDGET-A takes 12 days).',
      },
    ]);
    expect(reviewOrder(review({ deliveryDate: '2026-12-09' }))).toEqual([]);
  });

  it('refuses a delivery date past the horizon (9999-12-31 is a typing mistake) and accepts its last day', () => {
    expect(reviewOrder(review({ deliveryDate: '9999-12-31' }))).toEqual([
      {
        rule: 'delivery_date_too_far',
        severity: 'error',
        field: 'delivery_date',
        message: '9999-12-31 is more than 730 days ahead; the latest is 2028-11-26. Check the year.',
      },
    ]);
    expect(reviewOrder(review({ deliveryDate: '2028-11-26' }))).toEqual([]);
    expect(reviewOrder(review({ deliveryDate: '2027-01-10' }, { deliveryHorizonDays: 30 }))[0]?.rule).toBe(
      'delivery_date_too_far',
    );
  });

  it('takes today when nothing needs lead time', () => {
    const draft = { deliveryDate: '2026-11-26', lines: [line('10', 'QUICK')] };
    const quick = { ...widget, sku: 'QUICK', leadTimeDays: 0 };
    const findings = reviewOrder(review(draft, { products: new Map([['QUICK', quick]]) }));
    expect(findings.map((f) => f.message)).toEqual([
      '2026-11-26 is in the past. Earliest feasible delivery is 2026-11-27 (today).',
    ]);
  });

  it('explains a date that does not exist', () => {
    expect(reviewOrder(review({ deliveryDate: '2026-02-30' }))).toEqual([
      {
        rule: 'delivery_date_invalid',
        severity: 'error',
        field: 'delivery_date',
        message: '2026-02-30 is not a date: February 2026 has 28 days.',
      },
    ]);
  });

  it("refuses a payment method the customer isn't allowed, listing the allowed ones", () => {
    expect(reviewOrder(review({ paymentMethod: 'card' }))).toEqual([
      {
        rule: 'payment_method_not_allowed',
        severity: 'error',
        field: 'payment_method',
        message: "Acme Corp can't pay by card: allowed are net30, prepaid.",
      },
    ]);
    const none = reviewOrder(review({}, { customer: { ...acme, paymentMethods: [] } }));
    expect(none.map((f) => f.message)).toEqual([
      'Acme Corp has no payment method on file: ask finance to add one.',
    ]);
  });

  it('stores the payment method as the customer has it on file, whatever the case typed', () => {
    const outcome = reviewedOrder(review({ paymentMethod: ' NET30 ' }));
    expect(outcome.ok && outcome.order.paymentMethod).toBe('net30');
  });

  it('needs a product and a quantity on a line', () => {
    expect(only(reviewOrder(withLine(line(null, null, '3.00'))))).toEqual([
      {
        rule: 'product_missing',
        severity: 'error',
        field: { line: 0, field: 'product' },
        message: 'Choose a product for this line.',
      },
      {
        rule: 'quantity_missing',
        severity: 'error',
        field: { line: 0, field: 'quantity' },
        message: 'Enter how many to order.',
      },
    ]);
    expect(reviewOrder(withLine(line(' ', 'WIDGET-A'))).map((f) => f.message)).toEqual([
      'Enter how many of WIDGET-A to order.',
    ]);
  });

  it('names a SKU the catalog does not have', () => {
    expect(reviewOrder(withLine(line('5', 'WIDGET-Z')))).toEqual([
      {
        rule: 'product_unknown',
        severity: 'error',
        field: { line: 0, field: 'product' },
        message: 'No product has the SKU “WIDGET-Z”.',
      },
    ]);
  });

  it('finds the product whatever the case of the SKU typed, and stores the catalog spelling', () => {
    const outcome = reviewedOrder(withLine(line('5', ' widget-a ')));
    expect(outcome.ok && outcome.order.lines[0]?.sku).toBe('WIDGET-A');
  });

  it.each([
    ['0', 'quantity_not_positive', '0 is not a quantity you can order: it must be at least 1.'],
    ['-5', 'quantity_not_positive', '-5 is not a quantity you can order: it must be at least 1.'],
    ['NaN', 'quantity_invalid', '“NaN” is not a quantity: write a whole number in digits, such as 10.'],
    ['1e309', 'quantity_invalid', '“1e309” is not a quantity: write a whole number in digits, such as 10.'],
    ['2.5', 'quantity_invalid', '2.5 is not a whole number: quantities are counted in whole units.'],
  ])('refuses the quantity %j of WIDGET-A', (quantity, rule, message) => {
    expect(reviewOrder(withLine(line(quantity, 'WIDGET-A')))).toEqual([
      { rule, severity: 'error', field: { line: 0, field: 'quantity' }, message },
    ]);
  });

  it('holds bolts to their minimum and their pack size, suggesting quantities that can be ordered', () => {
    expect(reviewOrder(withLine(line('120', 'BOLT-M8'))).map((f) => [f.rule, f.message])).toEqual([
      ['quantity_not_pack_multiple', 'BOLT-M8 comes in packs of 50: 120 is not a multiple (try 100 or 150).'],
    ]);
    expect(reviewOrder(withLine(line('50', 'BOLT-M8'))).map((f) => [f.rule, f.message])).toEqual([
      ['quantity_below_minimum', 'BOLT-M8 has a minimum order quantity of 100: 50 is below it.'],
    ]);
    expect(reviewOrder(withLine(line('40', 'BOLT-M8'))).map((f) => f.message)).toEqual([
      'BOLT-M8 has a minimum order quantity of 100: 40 is below it.',
      'BOLT-M8 comes in packs of 50: 40 is not a multiple (try 100).',
    ]);
  });

  it('warns about a price more than 15 % off the list price, above or below', () => {
    expect(reviewOrder(withLine(line('10', 'WIDGET-A', '14.90')))).toEqual([
      {
        rule: 'unit_price_off_list',
        severity: 'warning',
        field: { line: 0, field: 'unit_price' },
        message: 'WIDGET-A at 14.90 is 19.2% above the list price 12.50.',
      },
    ]);
    expect(reviewOrder(withLine(line('10', 'WIDGET-A', '10,00'))).map((f) => f.message)).toEqual([
      'WIDGET-A at 10.00 is 20% below the list price 12.50.',
    ]);
    expect(reviewOrder(withLine(line('10', 'WIDGET-A', '14.37')))).toEqual([]);
  });

  it('lets warnings through to the confirmation view with the order ready to store', () => {
    const outcome = reviewedOrder(withLine(line('10', 'WIDGET-A', '14.90')));
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.warnings.map((w) => w.rule)).toEqual(['unit_price_off_list']);
      expect(outcome.order.lines).toEqual([
        { sku: 'WIDGET-A', spec: '', quantity: 10, unitPriceCents: 1490, amountCents: 14_900 },
      ]);
    }
  });

  it('refuses a price below the floor of 70 % of list, with the floor in the message', () => {
    expect(reviewOrder(withLine(line('10', 'WIDGET-A', '8.00')))).toEqual([
      {
        rule: 'unit_price_below_floor',
        severity: 'error',
        field: { line: 0, field: 'unit_price' },
        message: 'WIDGET-A at 8.00 is below the price floor 8.75 (70% of the list price 12.50).',
      },
    ]);
    expect(reviewOrder(withLine(line('10', 'WIDGET-A', '8.75'))).map((f) => f.rule)).toEqual([
      'unit_price_off_list',
    ]);
  });

  it.each([
    ['-3', "Prices can't be negative: -3."],
    ['NaN', '“NaN” is not a price: write it like 12.50 or 12,50.'],
    ['1e309', '“1e309” is not a price: write it like 12.50 or 12,50.'],
  ])('refuses the price %j', (price, message) => {
    expect(reviewOrder(withLine(line('10', 'WIDGET-A', price)))).toEqual([
      { rule: 'unit_price_invalid', severity: 'error', field: { line: 0, field: 'unit_price' }, message },
    ]);
  });

  it('needs a typed price for a product without a list price', () => {
    const unpriced = { ...widget, listPriceCents: Number.NaN };
    const findings = reviewOrder(
      review({ lines: [line('1', 'WIDGET-A')] }, { products: new Map([['WIDGET-A', unpriced]]) }),
    );
    expect(findings.map((f) => [f.rule, f.message])).toEqual([
      ['unit_price_missing', 'WIDGET-A has no list price: enter the price for this order.'],
    ]);
  });

  it('skips rows left blank but reports findings under the row where they were typed', () => {
    const draft = { lines: [line(null, null), line('  ', ' '), line('10', 'WIDGET-Z'), line(null, null)] };
    expect(reviewOrder(review(draft)).map((f) => f.field)).toEqual([{ line: 2, field: 'product' }]);
  });

  it('refuses more than 20 lines', () => {
    const lines = Array.from({ length: 21 }, () => line('1', 'WIDGET-A'));
    expect(reviewOrder(review({ lines }))).toEqual([
      {
        rule: 'too_many_lines',
        severity: 'error',
        field: 'lines',
        message: 'This order has 21 lines; an order holds at most 20.',
      },
    ]);
  });

  it('refuses a line worth more than an order can be', () => {
    const findings = reviewOrder(withLine(line('1000000000', 'WIDGET-A', '999999999')));
    expect(findings.map((f) => [f.rule, f.message])).toEqual([
      ['unit_price_off_list', 'WIDGET-A at 999,999,999.00 is 7,999,999,892% above the list price 12.50.'],
      [
        'line_amount_too_large',
        '1,000,000,000 × 999,999,999.00 comes to more than 1,000,000,000,000.00, the most an order can be worth.',
      ],
    ]);
  });

  it('refuses an order whose lines add up to more than an order can be', () => {
    const lines = Array.from({ length: 20 }, () => line('1000000000', 'WIDGET-A', '60.00'));
    const rules = reviewOrder(review({ lines })).map((f) => f.rule);
    expect(rules.filter((r) => r !== 'unit_price_off_list')).toEqual(['order_total_too_large']);
  });

  describe('text limits', () => {
    it('refuses a customer PO over 64 characters, a spec over 500 and notes over 2,000', () => {
      const draft = {
        customerPo: 'P'.repeat(65),
        notes: 'n'.repeat(2001),
        lines: [{ ...line('10', 'WIDGET-A'), spec: 's'.repeat(501) }],
      };
      expect(reviewOrder(review(draft)).map((f) => [f.rule, f.field, f.message])).toEqual([
        [
          'customer_po_too_long',
          'customer_po',
          'The customer PO is 65 characters long; it can be at most 64.',
        ],
        ['notes_too_long', 'notes', 'The notes are 2,001 characters long; they can be at most 2,000.'],
        [
          'spec_too_long',
          { line: 0, field: 'spec' },
          'The spec is 501 characters long; it can be at most 500.',
        ],
      ]);
    });

    it('counts an emoji as one character, as the admin does', () => {
      expect(reviewOrder(review({ customerPo: '😀'.repeat(64) }))).toEqual([]);
    });

    it('keeps spec and notes exactly as typed: emoji, CJK, SQL-looking text, spaces and line breaks', () => {
      const notes = "  Robert'); DROP TABLE orders;--\n🚚 配達は午前中 ";
      const spec = ' 注文 "blue" <b>😀</b> ';
      const outcome = reviewedOrder(review({ notes, lines: [{ ...line('10', 'WIDGET-A'), spec }] }));
      expect(outcome.ok && outcome.order.notes).toBe(notes);
      expect(outcome.ok && outcome.order.lines[0]?.spec).toBe(spec);
    });
  });

  it('gives a clear message, not a crash, for 3,000-character text in every field', () => {
    const long = '注'.repeat(3000);
    const draft: OrderDraft = {
      customerCode: long,
      customerPo: long,
      deliveryDate: long,
      paymentMethod: long,
      notes: long,
      lines: [{ sku: long, spec: long, quantity: long, unitPrice: long }],
    };
    const findings = reviewOrder(review(draft, { customer: null }));
    expect(findings.map((f) => f.rule)).toEqual([
      'customer_unknown',
      'customer_po_too_long',
      'delivery_date_invalid',
      'notes_too_long',
      'product_unknown',
      'quantity_invalid',
      'unit_price_invalid',
      'spec_too_long',
    ]);
    for (const f of findings) expect(f.message.length).toBeLessThan(200);
    expect(findings[0]?.message).toBe(`No customer has the code “${'注'.repeat(40)}…”.`);
  });

  it('holds the order back when the business date is unknown rather than guessing', () => {
    expect(reviewOrder(review({}, { today: 'not a date' })).map((f) => f.rule)).toEqual([
      'business_date_unknown',
    ]);
  });

  it('switches off a rule whose catalog figure makes no sense instead of crashing', () => {
    const odd = { ...bolt, packSize: 0, minOrderQty: Number.NaN, leadTimeDays: Number.POSITIVE_INFINITY };
    const input = review({ lines: [line('7', 'BOLT-M8')] }, { products: new Map([['BOLT-M8', odd]]) });
    expect(reviewOrder(input)).toEqual([]);
  });
});

const text = fc.oneof(
  fc.constantFrom('', ' ', 'ACME', 'WIDGET-A', 'widget-a', 'BOLT-M8', 'net30', 'NET30', 'card', 'PO-77'),
  fc.constantFrom(
    '10',
    '100',
    '120',
    '0',
    '-5',
    'NaN',
    '1e309',
    '2.5',
    '1,000',
    '1000000000',
    '12.50',
    '8',
    '12,50',
  ),
  fc.constantFrom('2026-12-20', '2026-12-01', '2026-02-30', '2026-13-01', '2025-01-01', '9999-12-31'),
  fc.constantFrom('😀', '注文', "'; DROP TABLE orders;--", 'x'.repeat(3000)),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const maybeText = fc.option(text, { nil: null });
const anyDraft = fc.record({
  customerCode: maybeText,
  customerPo: maybeText,
  deliveryDate: maybeText,
  paymentMethod: maybeText,
  notes: maybeText,
  lines: fc.array(fc.record({ sku: maybeText, spec: maybeText, quantity: maybeText, unitPrice: maybeText }), {
    maxLength: 25,
  }),
});
const figure = fc.oneof(
  fc.integer({ min: -10, max: 1000 }),
  fc.constantFrom(0, 1, 50, Number.NaN, Number.POSITIVE_INFINITY, 1e300, 2.5),
);
const anyProduct = (sku: string) =>
  fc.record({
    sku: fc.constant(sku),
    name: fc.constant(sku),
    listPriceCents: figure,
    packSize: figure,
    minOrderQty: figure,
    leadTimeDays: figure,
  });
const anyInput: fc.Arbitrary<ReviewInput> = fc.record({
  draft: anyDraft,
  today: fc.oneof(fc.constantFrom('2026-11-27', '0001-01-01', '9999-12-31'), fc.string({ maxLength: 12 })),
  customer: fc.option(
    fc.record({
      code: fc.constant('ACME'),
      name: fc.constant('Acme Corp'),
      paymentMethods: fc.array(fc.constantFrom('net30', 'prepaid', ' Net30 ', '')),
    }),
    { nil: null },
  ),
  products: fc
    .tuple(anyProduct('WIDGET-A'), anyProduct('BOLT-M8'))
    .map(([w, b]) => new Map([[w.sku, w] as const, [b.sku, b] as const])),
  poUsedBy: fc.option(fc.constantFrom('SO-2026-000012', ''), { nil: null }),
  policy: fc.record({ priceWarnPercent: figure, priceFloorPercent: figure }),
  deliveryHorizonDays: fc.integer({ min: 1, max: 3650 }),
});

/** Drafts close to a good order, so that the properties also see orders that pass. */
const nearlyGoodInput: fc.Arbitrary<ReviewInput> = fc
  .record({
    deliveryDate: fc.constantFrom('2026-12-20', '2026-12-09', '2027-03-01', '2026-12-01'),
    paymentMethod: fc.constantFrom('net30', 'PREPAID', ' net30', 'card'),
    lines: fc.array(
      fc.record({
        sku: fc.constantFrom('WIDGET-A', 'bolt-m8'),
        quantity: fc.constantFrom('100', '150', '1,000', '200', '120', '10'),
        unitPrice: fc.option(fc.constantFrom('12.50', '0.20', '0,25', '14.90', '0.10'), { nil: null }),
        spec: fc.option(fc.constantFrom('blue', '😀'), { nil: null }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    poUsedBy: fc.constantFrom(null, null, null, 'SO-2026-000012'),
  })
  .map(({ poUsedBy, ...draft }) => review(draft, { poUsedBy }));

describe('reviewing any draft at all', () => {
  it('never throws, and every finding is a known rule placed under a field that exists', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        for (const finding of reviewOrder(input)) {
          expect(ruleNames).toContain(finding.rule);
          expect(finding.message.length).toBeGreaterThan(0);
          if (typeof finding.field === 'object') expect(input.draft.lines[finding.field.line]).toBeDefined();
          if (finding.severity === 'warning') expect(finding.rule).toBe('unit_price_off_list');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives an order to store exactly when there is no error, and never with an error', () => {
    let stored = 0;
    fc.assert(
      fc.property(fc.oneof(anyInput, nearlyGoodInput), (input) => {
        const hasError = reviewOrder(input).some((f) => f.severity === 'error');
        const outcome = reviewedOrder(input);
        expect(outcome.ok).toBe(!hasError);
        if (!outcome.ok) return;
        stored += 1;
        expect(outcome.order.lines.length).toBeGreaterThan(0);
        for (const stored of outcome.order.lines) {
          const product = input.products.get(stored.sku);
          expect(product).toBeDefined();
          expect(Number.isSafeInteger(stored.quantity) && stored.quantity > 0).toBe(true);
          expect(Number.isSafeInteger(stored.unitPriceCents) && stored.unitPriceCents >= 0).toBe(true);
          expect(stored.amountCents).toBe(stored.quantity * stored.unitPriceCents);
          if (product && Number.isSafeInteger(product.packSize) && product.packSize > 1) {
            expect(stored.quantity % product.packSize).toBe(0);
          }
          if (product && Number.isFinite(product.minOrderQty)) {
            expect(stored.quantity).toBeGreaterThanOrEqual(product.minOrderQty);
          }
        }
        expect(outcome.order.totalCents).toBe(outcome.order.lines.reduce((s, l) => s + l.amountCents, 0));
      }),
      { numRuns: 2000 },
    );
    expect(stored).toBeGreaterThan(100);
  });

  it('says the same thing every time about the same draft', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, nearlyGoodInput), (input) => {
        const copy: ReviewInput = {
          ...structuredClone({ ...input, products: null }),
          products: new Map(input.products),
        };
        expect(reviewOrder(copy)).toEqual(reviewOrder(input));
        expect(reviewedOrder(input)).toEqual(reviewedOrder(input));
      }),
    );
  });
});
