import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CapacityQuestion, earliestFit } from '../../src/routing/capacity.ts';

const today = '2026-12-01';
const day = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);

describe('capacity: does an order fit its department by its delivery date', () => {
  it('a department with capacity 10 a day and nothing else to do fits 30 orders due in three days', () => {
    expect(
      earliestFit({
        today,
        dueOn: day(2),
        amount: 1,
        dailyCapacity: 10,
        load: [{ dueOn: day(2), amount: 29 }],
      }),
    ).toBeNull();
  });

  it('the 31st order due in three days would fit on the fourth', () => {
    expect(
      earliestFit({
        today,
        dueOn: day(2),
        amount: 1,
        dailyCapacity: 10,
        load: [{ dueOn: day(1), amount: 30 }],
      }),
    ).toBe(day(3));
  });

  it('work due later does not delay the order, but work falling due in between does', () => {
    const load = [
      { dueOn: day(0), amount: 10 },
      { dueOn: day(3), amount: 25 },
    ];
    expect(earliestFit({ today, dueOn: day(0), amount: 5, dailyCapacity: 10, load })).toBe(day(1));
    expect(earliestFit({ today, dueOn: day(0), amount: 25, dailyCapacity: 10, load })).toBe(day(5));
  });

  it('a department counting units needs the order’s units to fit', () => {
    expect(earliestFit({ today, dueOn: day(1), amount: 250, dailyCapacity: 100, load: [] })).toBe(day(2));
  });

  it('an order already past its delivery date fits from today at the earliest', () => {
    expect(earliestFit({ today, dueOn: day(-3), amount: 1, dailyCapacity: 10, load: [] })).toBe(today);
  });

  it('a department without a capacity never flags a risk', () => {
    expect(earliestFit({ today, dueOn: day(0), amount: 10_000, dailyCapacity: 0, load: [] })).toBeNull();
  });

  it('the date given is the first on which the order fits, and it fits there (checked against every date)', () => {
    const question = fc.record({
      dueIn: fc.integer({ min: -5, max: 20 }),
      amount: fc.integer({ min: 1, max: 40 }),
      dailyCapacity: fc.integer({ min: 1, max: 15 }),
      load: fc.array(
        fc.record({ dueIn: fc.integer({ min: -5, max: 30 }), amount: fc.integer({ min: 1, max: 40 }) }),
        {
          maxLength: 12,
        },
      ),
    });
    fc.assert(
      fc.property(question, (g) => {
        const q: CapacityQuestion = {
          today,
          dueOn: day(g.dueIn),
          amount: g.amount,
          dailyCapacity: g.dailyCapacity,
          load: g.load.map((l) => ({ dueOn: day(l.dueIn), amount: l.amount })),
        };
        const fitsOn = (n: number) =>
          n >= 0 &&
          g.amount + g.load.filter((l) => l.dueIn <= n).reduce((s, l) => s + l.amount, 0) <=
            g.dailyCapacity * (n + 1);
        const answer = earliestFit(q);
        if (fitsOn(g.dueIn)) return answer === null;
        let first = Math.max(g.dueIn, 0);
        while (!fitsOn(first)) first += 1;
        return answer === day(first);
      }),
    );
  });
});
