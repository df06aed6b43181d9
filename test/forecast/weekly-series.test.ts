import { describe, expect, it } from 'vitest';
import { addWeeks, mondayOf, weeklySeries } from '../../src/forecast/weekly-series.ts';

describe('weeks of demand', () => {
  it('names a week by its Monday, across a year end', () => {
    expect(mondayOf('2026-11-27')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(addWeeks('2026-12-28', 1)).toBe('2027-01-04');
    expect(addWeeks('2026-11-23', -156)).toBe('2023-11-27');
  });

  it('lays quantities out one a week, zeros where nobody ordered, nothing outside the window', () => {
    const rows = [
      { week: '2026-11-02', quantity: 5 },
      { week: '2026-11-16', quantity: 7 },
      { week: '2026-11-16', quantity: 1 },
      { week: '2026-10-26', quantity: 99 },
      { week: '2026-11-23', quantity: 99 },
    ];
    expect(weeklySeries(rows, '2026-11-02', '2026-11-23')).toEqual([5, 0, 8]);
  });
});
