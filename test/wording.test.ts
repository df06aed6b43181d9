import { describe, expect, it } from 'vitest';
import { timelineLines } from '../src/orders/order-timeline.ts';
import { plural, possessive } from '../src/wording.ts';

describe('how counts and names read in messages', () => {
  it('a name ending in s takes the apostrophe alone: Logistics’ part, Production’s part', () => {
    expect(possessive('Logistics')).toBe("Logistics'");
    expect(possessive('Sales')).toBe("Sales'");
    expect(possessive('Production')).toBe("Production's");
  });

  it('one of a thing is singular: 1 line, 2 lines', () => {
    expect(plural(1, 'line', 'lines')).toBe('1 line');
    expect(plural(2, 'line', 'lines')).toBe('2 lines');
  });

  it('the timeline says an order of one line has "1 line", and one warning is "1 warning"', () => {
    const at = new Date('2026-11-27T09:00:00Z');
    const [received, reviewed] = timelineLines([
      { type: 'received', actor: 'U0ADMIN', at, data: { lineCount: 1, totalCents: 1250 } },
      { type: 'reviewed', actor: 'U0ADMIN', at, data: { findings: [{ message: 'price is low' }] } },
    ]);
    expect(received).toContain('entered the order (1 line, ');
    expect(reviewed).toContain('confirmed past 1 warning: price is low');
  });
});
