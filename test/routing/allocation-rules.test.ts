import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AllocationRule,
  type Candidate,
  chooseRoute,
  defaultRoute,
  type OrderTraits,
  pickPerson,
} from '../../src/routing/allocation-rules.ts';

const stockOrder: OrderTraits = {
  categories: ['fasteners'],
  valueCents: 50_000,
  tier: 'standard',
  paymentMethod: 'net30',
  daysUntilDelivery: 20,
};
const customPrepaid: OrderTraits = {
  ...stockOrder,
  categories: ['fasteners', 'custom'],
  paymentMethod: 'prepaid',
};

const rules: AllocationRule[] = [
  {
    id: 1,
    name: 'prepaid custom work',
    conditions: { categories: ['custom'], paymentMethods: ['prepaid'] },
    route: [
      { department: 'finance', pick: 'fixed', personId: 'U0FIN' },
      { department: 'production', pick: 'round_robin' },
      { department: 'qa', pick: 'least_open' },
      { department: 'logistics', pick: 'round_robin' },
    ],
  },
  {
    id: 2,
    name: 'rush',
    conditions: { maxDaysUntilDelivery: 3 },
    route: [{ department: 'logistics', pick: 'round_robin' }],
  },
];

describe('choosing the route', () => {
  it('prepaid custom work goes finance → production → QA → logistics', () => {
    expect(chooseRoute(rules, customPrepaid).route.map((s) => s.department)).toEqual([
      'finance',
      'production',
      'qa',
      'logistics',
    ]);
  });

  it('the first matching rule wins, in order', () => {
    expect(chooseRoute(rules, { ...customPrepaid, daysUntilDelivery: 2 }).rule?.name).toBe(
      'prepaid custom work',
    );
    expect(chooseRoute(rules, { ...stockOrder, daysUntilDelivery: 2 }).rule?.name).toBe('rush');
  });

  it('with no matching rule the default route applies', () => {
    expect(chooseRoute(rules, stockOrder)).toEqual({ rule: null, route: defaultRoute });
  });

  it('a rule with no conditions matches every order', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.integer({ min: -10, max: 400 }), (tier, valueCents, days) => {
        const all: AllocationRule = { id: 9, name: 'all', conditions: {}, route: defaultRoute.slice() };
        expect(
          chooseRoute([all], { ...stockOrder, tier, valueCents, daysUntilDelivery: days }).rule?.id,
        ).toBe(9);
      }),
    );
  });
});

describe('picking the person', () => {
  const three: Candidate[] = [
    { id: 'U3', away: false, openCount: 0 },
    { id: 'U1', away: false, openCount: 4 },
    { id: 'U2', away: false, openCount: 1 },
  ];

  it('round-robin over three people gives 1-2-3-1', () => {
    const picked: (string | null)[] = [];
    let last: string | null = null;
    for (let i = 0; i < 4; i++) {
      last = pickPerson({ department: 'production', pick: 'round_robin' }, three, last);
      picked.push(last);
    }
    expect(picked).toEqual(['U1', 'U2', 'U3', 'U1']);
  });

  it('skips people who are away', () => {
    const away = three.map((c) => (c.id === 'U2' ? { ...c, away: true } : c));
    expect(pickPerson({ department: 'production', pick: 'round_robin' }, away, 'U1')).toBe('U3');
  });

  it('least open picks whoever has the fewest open assignments', () => {
    expect(pickPerson({ department: 'qa', pick: 'least_open' }, three, null)).toBe('U3');
  });

  it('fixed picks the named person, or nobody when they are away', () => {
    expect(pickPerson({ department: 'finance', pick: 'fixed', personId: 'U2' }, three, null)).toBe('U2');
    const away = three.map((c) => ({ ...c, away: true }));
    expect(pickPerson({ department: 'finance', pick: 'fixed', personId: 'U2' }, away, null)).toBeNull();
  });

  it('nobody eligible means the step waits unassigned', () => {
    expect(pickPerson({ department: 'qa', pick: 'round_robin' }, [], null)).toBeNull();
  });
});
