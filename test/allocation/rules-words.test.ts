import { describe, expect, it } from 'vitest';
import { checkRule, type KnownDepartment } from '../../src/allocation/rules/rule-validation.ts';
import { describeConditions, describeRoute } from '../../src/allocation/rules/rule-words.ts';

const departments: KnownDepartment[] = [
  { key: 'production', name: 'Production', memberIds: ['U0PIOTR'] },
  { key: 'logistics', name: 'Logistics', memberIds: ['U0LOU'] },
];

describe('a rule in words', () => {
  it('says every condition, with one-sided ranges', () => {
    expect(describeConditions({})).toBe('every order');
    expect(
      describeConditions({
        categories: ['custom', 'bearings'],
        minValueCents: 123_450,
        tiers: ['gold'],
        paymentMethods: ['prepaid', 'cod', 'net30'],
        maxDaysUntilDelivery: 14,
      }),
    ).toBe(
      'products in Custom (made to order) or Bearings · value at least 1,234.50 · Gold customers · paid Prepaid, Cash on delivery or Net 30 days · delivery in at most 14 days',
    );
    expect(describeConditions({ minValueCents: 0, maxValueCents: 5000, minDaysUntilDelivery: 3 })).toBe(
      'value 0.00–50.00 · delivery in at least 3 days',
    );
  });

  it('says the route with how each department picks, and marks a department that is gone', () => {
    const names = new Map([
      ['production', 'Production <main>'],
      ['logistics', 'Logistics'],
    ]);
    expect(
      describeRoute(
        [
          { department: 'production', pick: 'least_open' },
          { department: 'paint', pick: 'round_robin' },
          { department: 'logistics', pick: 'fixed', personId: 'U0LOU' },
        ],
        names,
      ),
    ).toBe(
      'Production &lt;main&gt; (least open assignments) → paint (missing) (round-robin) → Logistics (fixed: <@U0LOU>)',
    );
  });
});

describe('checking a rule', () => {
  it('keeps a person only where the pick is fixed', () => {
    const check = checkRule(
      {
        name: '  Stock items ',
        conditions: {},
        route: [
          { department: 'production', pick: 'round_robin', personId: 'U0PIOTR' },
          { department: 'logistics', pick: 'fixed', personId: 'U0LOU' },
        ],
      },
      departments,
    );
    expect(check).toEqual({
      ok: true,
      rule: {
        name: 'Stock items',
        conditions: {},
        route: [
          { department: 'production', pick: 'round_robin' },
          { department: 'logistics', pick: 'fixed', personId: 'U0LOU' },
        ],
      },
    });
  });

  it('reports every problem at once, each where it is', () => {
    const check = checkRule(
      {
        name: ' ',
        conditions: { minDaysUntilDelivery: 10, maxDaysUntilDelivery: 2 },
        route: [{ department: 'logistics', pick: 'fixed', personId: 'U0PIOTR' }],
      },
      departments,
    );
    expect(check.ok ? [] : check.problems.map((p) => p.at)).toEqual([
      { field: 'name' },
      { field: 'maxDays' },
      { field: 'person', step: 0 },
    ]);
  });
});
