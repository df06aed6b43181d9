import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, parseIsoDate } from '../../src/calendar.ts';
import { emptyDraft, filled, isBlankLine, parseQuantity } from '../../src/intake/order-draft.ts';
import { parseMoneyToCents } from '../../src/money.ts';

describe('reading a typed quantity', () => {
  it.each([
    ['10', 10],
    [' 10 ', 10],
    ['+7', 7],
    ['1,000', 1000],
    ['0010', 10],
    ['1000000000', 1_000_000_000],
  ])('reads %j as %d', (typed, value) => {
    expect(parseQuantity(typed)).toEqual({ ok: true, value });
  });

  it('reads zero and negatives so the review can say they are not orderable', () => {
    expect(parseQuantity('0')).toEqual({ ok: true, value: 0 });
    expect(parseQuantity('-0')).toEqual({ ok: true, value: 0 });
    expect(parseQuantity('-5')).toEqual({ ok: true, value: -5 });
  });

  it.each([
    ['NaN', '“NaN” is not a quantity: write a whole number in digits, such as 10.'],
    ['1e309', '“1e309” is not a quantity: write a whole number in digits, such as 10.'],
    ['Infinity', '“Infinity” is not a quantity: write a whole number in digits, such as 10.'],
    ['0x10', '“0x10” is not a quantity: write a whole number in digits, such as 10.'],
    ['2.5', '2.5 is not a whole number: quantities are counted in whole units.'],
    ['10.00', 'Write 10.00 without decimals: quantities are counted in whole units.'],
    ['1000000001', '1000000001 is too large: a line can hold at most 1,000,000,000.'],
    ['-99999999999', '-99999999999 is not a quantity you can order: it must be at least 1.'],
    ['', 'Enter a quantity, such as 10.'],
  ])('refuses %j: %s', (typed, message) => {
    expect(parseQuantity(typed)).toEqual({ ok: false, message });
  });

  it('quotes only the start of a 3,000-digit quantity', () => {
    const result = parseQuantity('9'.repeat(3000));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toBe(`${'9'.repeat(40)}… is too large: a line can hold at most 1,000,000,000.`);
  });

  it('gives back a safe integer within ±1,000,000,000 or a message, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (typed) => {
        const result = parseQuantity(typed);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(Math.abs(result.value)).toBeLessThanOrEqual(1_000_000_000);
        } else expect(result.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it('reads back every whole number it could have been given', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (n) => {
        expect(parseQuantity(String(n))).toEqual({ ok: true, value: n });
        expect(parseQuantity(n.toLocaleString('en-US'))).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('reading a typed price', () => {
  it.each([
    ['12.50', 1250],
    ['12,50', 1250],
    ['12,5', 1250],
    ['12.5', 1250],
    ['12', 1200],
    ['0', 0],
    ['1,250', 125_000],
    ['1,250.00', 125_000],
    ['1.250,00', 125_000],
    ['1,250,000.99', 125_000_099],
    ['1000000000', 100_000_000_000],
  ])('reads %j as %d cents', (typed, value) => {
    expect(parseMoneyToCents(typed)).toEqual({ ok: true, value });
  });

  it.each([
    ['-5', "Prices can't be negative: -5."],
    ['NaN', '“NaN” is not a price: write it like 12.50 or 12,50.'],
    ['Infinity', '“Infinity” is not a price: write it like 12.50 or 12,50.'],
    ['1e309', '“1e309” is not a price: write it like 12.50 or 12,50.'],
    ['$12.50', '“$12.50” is not a price: write it like 12.50 or 12,50.'],
    ['12.', '“12.” is not a price: write it like 12.50 or 12,50.'],
    ['1,2.50', '“1,2.50” is not a price: write it like 12.50 or 12,50.'],
    ['12.505', '12.505 has more than 2 decimals: a price is in cents, like 12.50.'],
    ['1000000000.01', '1000000000.01 is too large: a price can be at most 1,000,000,000.00.'],
    ['', 'Enter a price, such as 12.50.'],
  ])('refuses %j: %s', (typed, message) => {
    expect(parseMoneyToCents(typed)).toEqual({ ok: false, message });
  });

  it('reads back any price written with a point or a decimal comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (cents) => {
        const whole = Math.trunc(cents / 100);
        const fraction = String(cents % 100).padStart(2, '0');
        expect(parseMoneyToCents(`${whole}.${fraction}`)).toEqual({ ok: true, value: cents });
        expect(parseMoneyToCents(`${whole},${fraction}`)).toEqual({ ok: true, value: cents });
        expect(parseMoneyToCents(`${whole.toLocaleString('en-US')}.${fraction}`)).toEqual({
          ok: true,
          value: cents,
        });
      }),
    );
  });

  it('gives back whole cents within the limit or a message, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (typed) => {
        const result = parseMoneyToCents(typed);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(100_000_000_000);
        } else expect(result.message.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('reading a typed date', () => {
  it('reads a real date, also without leading zeros', () => {
    expect(parseIsoDate('2026-12-20')).toEqual({ ok: true, value: '2026-12-20' });
    expect(parseIsoDate(' 2026-1-5 ')).toEqual({ ok: true, value: '2026-01-05' });
    expect(parseIsoDate('2028-02-29')).toEqual({ ok: true, value: '2028-02-29' });
    expect(parseIsoDate('2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
  });

  it.each([
    ['2026-02-30', '2026-02-30 is not a date: February 2026 has 28 days.'],
    ['2026-02-29', '2026-02-29 is not a date: February 2026 has 28 days.'],
    ['1900-02-29', '1900-02-29 is not a date: February 1900 has 28 days.'],
    ['2026-04-31', '2026-04-31 is not a date: April 2026 has 30 days.'],
    ['2026-13-01', '2026-13-01 is not a date: there is no month 13.'],
    ['2026-00-10', '2026-00-10 is not a date: there is no month 00.'],
    ['2026-12-00', '2026-12-00 is not a date: there is no day 00.'],
    ['0000-01-01', '0000-01-01 is not a date: there is no year 0.'],
    ['20.12.2026', '“20.12.2026” is not a date: write it as YYYY-MM-DD, such as 2026-12-20.'],
    ['tomorrow', '“tomorrow” is not a date: write it as YYYY-MM-DD, such as 2026-12-20.'],
    ['', 'Enter a date, such as 2026-12-20.'],
  ])('refuses %j: %s', (typed, message) => {
    expect(parseIsoDate(typed)).toEqual({ ok: false, message });
  });

  it('agrees with the calendar on every day it accepts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const typed = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const real = new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) === typed;
          expect(parseIsoDate(typed).ok).toBe(real);
        },
      ),
    );
  });
});

describe('date arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-27', 12)).toBe('2026-12-09');
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('0050-06-01', 0)).toBe('0050-06-01');
  });

  it('stays within four-digit years however many days are added', () => {
    expect(addDays('2026-11-27', 10_000_000)).toBe('9999-12-31');
    expect(addDays('2026-11-27', -10_000_000)).toBe('0001-01-01');
  });

  it('refuses a malformed date or a fractional day count: that is a bug in the caller', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-11-27', 1.5)).toThrow(RangeError);
  });

  it('orders dates as the calendar does', () => {
    expect(compareDates('2026-12-09', '2026-12-20')).toBeLessThan(0);
    expect(compareDates('2026-12-20', '2026-12-20')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (days) => {
        const later = addDays('2026-11-27', days);
        expect(Math.sign(compareDates(later, '2026-11-27'))).toBe(Math.sign(days));
        expect(addDays(later, -days)).toBe('2026-11-27');
      }),
    );
  });
});

describe('the draft', () => {
  it('starts empty', () => {
    expect(emptyDraft()).toEqual({
      customerCode: null,
      customerPo: null,
      deliveryDate: null,
      paymentMethod: null,
      notes: null,
      lines: [],
    });
  });

  it('treats blanks as missing and a row of blanks as no line', () => {
    expect(filled('  ')).toBeNull();
    expect(filled(' PO-77 ')).toBe('PO-77');
    expect(isBlankLine({ sku: ' ', spec: null, quantity: '', unitPrice: null })).toBe(true);
    expect(isBlankLine({ sku: null, spec: 'blue', quantity: null, unitPrice: null })).toBe(false);
  });
});
