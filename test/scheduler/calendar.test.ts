import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  type BusinessCalendar,
  calendarDate,
  dayNumber,
  isWithinBusinessHours,
  isWorkingDay,
  localTime,
  nextWorkingMorning,
  zonedInstant,
} from '../../src/calendar.ts';
import { nextRunAfter, recurrenceSchema } from '../../src/scheduler/recurrence.ts';

const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  workdays: [1, 2, 3, 4, 5],
  opensAt: 9 * 60,
  closesAt: 17 * 60,
  holidays: ['2026-12-24', '2026-12-25'],
};

const instants = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));
const dates = instants.map((d) => d.toISOString().slice(0, 10));
const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney');

describe('the business calendar', () => {
  it('a Saturday, a Friday evening and a holiday all resume at the next working morning', () => {
    expect(nextWorkingMorning(berlin, new Date('2026-11-28T11:00:00Z'))).toEqual(
      new Date('2026-11-30T08:00:00Z'),
    );
    expect(nextWorkingMorning(berlin, new Date('2026-11-27T17:30:00Z'))).toEqual(
      new Date('2026-11-30T08:00:00Z'),
    );
    expect(nextWorkingMorning(berlin, new Date('2026-11-30T06:00:00Z'))).toEqual(
      new Date('2026-11-30T08:00:00Z'),
    );
    expect(nextWorkingMorning(berlin, new Date('2026-12-23T16:00:00Z'))).toEqual(
      new Date('2026-12-28T08:00:00Z'),
    );
  });

  it('knows its hours across a daylight-saving change', () => {
    // Berlin is UTC+2 in summer, UTC+1 in winter.
    expect(zonedInstant('2026-07-01', 9 * 60, 'Europe/Berlin')).toEqual(new Date('2026-07-01T07:00:00Z'));
    expect(zonedInstant('2026-03-30', 9 * 60, 'Europe/Berlin')).toEqual(new Date('2026-03-30T07:00:00Z'));
    expect(zonedInstant('2026-03-27', 9 * 60, 'Europe/Berlin')).toEqual(new Date('2026-03-27T08:00:00Z'));
    expect(isWithinBusinessHours(berlin, new Date('2026-07-01T07:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(berlin, new Date('2026-07-01T06:59:59Z'))).toBe(false);
    expect(isWithinBusinessHours(berlin, new Date('2026-07-01T15:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(berlin, new Date('2026-12-24T10:00:00Z'))).toBe(false);
  });

  it('a wall time the clocks skip lands just after the gap, east and west of UTC alike', () => {
    // New York springs from 02:00 EST to 03:00 EDT on 2030-03-10; Berlin from 02:00 to 03:00 on 2026-03-29.
    expect(zonedInstant('2030-03-10', 2 * 60, 'America/New_York')).toEqual(new Date('2030-03-10T07:00:00Z'));
    expect(zonedInstant('2030-03-10', 2 * 60 + 30, 'America/New_York')).toEqual(
      new Date('2030-03-10T07:30:00Z'),
    );
    expect(zonedInstant('2026-03-29', 2 * 60 + 30, 'Europe/Berlin')).toEqual(
      new Date('2026-03-29T01:30:00Z'),
    );
  });

  it('counts working days past weekends and holidays, both ways', () => {
    expect(addWorkingDays(berlin, '2026-11-27', 1)).toBe('2026-11-30');
    expect(addWorkingDays(berlin, '2026-12-23', 1)).toBe('2026-12-28');
    expect(addWorkingDays(berlin, '2026-11-30', -1)).toBe('2026-11-27');
    expect(addWorkingDays(berlin, '2026-11-28', 0)).toBe('2026-11-28');
  });

  it('property: the next working morning is later, on a working day, at opening time, and nothing open lies between', () => {
    fc.assert(
      fc.property(instants, zones, (at, timeZone) => {
        const cal = { ...berlin, timeZone };
        const morning = nextWorkingMorning(cal, at);
        const local = localTime(morning, timeZone);
        expect(morning.getTime()).toBeGreaterThan(at.getTime());
        expect(isWorkingDay(cal, local.date)).toBe(true);
        expect(local.minutes).toBe(cal.opensAt);
        expect(isWithinBusinessHours(cal, morning)).toBe(true);
        if (!isWithinBusinessHours(cal, at)) {
          // Held-back work loses no open hour: an hour earlier the office was still closed.
          const before = new Date(morning.getTime() - 60_000);
          expect(before.getTime() < at.getTime() || !isWithinBusinessHours(cal, before)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: adding working days lands on a working day and adds up', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (date, a, b) => {
        const once = addWorkingDays(berlin, date, a + b);
        expect(isWorkingDay(berlin, once)).toBe(true);
        expect(once > date).toBe(true);
        expect(addWorkingDays(berlin, addWorkingDays(berlin, date, a), b)).toBe(once);
        expect(addWorkingDays(berlin, once, -(a + b)) <= date).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a wall time in a zone reads back as itself', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 1439 }), zones, (date, minutes, timeZone) => {
        const local = localTime(zonedInstant(date, minutes, timeZone), timeZone);
        // Wall times skipped by a daylight-saving change move forward by the gap.
        if (local.date === date && local.minutes === minutes) return;
        expect(local.date === date && local.minutes > minutes && local.minutes - minutes <= 60).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('day numbers, for arithmetic over many dates', () => {
  it('counts from 1970-01-01, years before 100 included', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2026-12-01')).toBe(Date.parse('2026-12-01') / 86_400_000);
    expect(dayNumber('0050-03-01') - dayNumber('0050-02-28')).toBe(1);
  });

  it('a date n days later has a day number n higher', () => {
    const anyDate = fc
      .date({
        min: new Date('0001-01-01T00:00:00Z'),
        max: new Date('9998-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -300, max: 300 }), (date, n) => {
        const later = addDays(date, n);
        if (later === '0001-01-01') return;
        expect(dayNumber(later)).toBe(dayNumber(date) + n);
      }),
      { numRuns: 300 },
    );
  });

  it('anything but a normalised date is a bug in the caller, and throws', () => {
    expect(() => dayNumber('2026-1-5')).toThrow(RangeError);
    expect(() => dayNumber('next week')).toThrow(RangeError);
  });
});

describe('the date in a time zone', () => {
  it("is the date the zone's wall clock shows, asked in any order across zones and minutes", () => {
    const formatted = (at: Date, timeZone: string) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(at);
    fc.assert(
      fc.property(fc.array(fc.tuple(instants, zones), { minLength: 1, maxLength: 20 }), (asked) => {
        for (const [at, zone] of asked) expect(calendarDate(at, zone)).toBe(formatted(at, zone));
      }),
    );
  });

  it('turns at local midnight, even when asked a second before within the same zone', () => {
    expect(calendarDate(new Date('2026-12-31T22:59:59Z'), 'Europe/Berlin')).toBe('2026-12-31');
    expect(calendarDate(new Date('2026-12-31T23:00:00Z'), 'Europe/Berlin')).toBe('2027-01-01');
    expect(calendarDate(new Date('2026-12-31T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-12-31');
    expect(calendarDate(new Date('2026-12-31T18:30:00Z'), 'Asia/Kolkata')).toBe('2027-01-01');
  });
});

describe('recurrence rules', () => {
  it('reads daily, working-day and interval rules, and refuses anything else', () => {
    expect(recurrenceSchema.parse('daily 08:00')).toEqual({ every: 'day', minutes: 480 });
    expect(recurrenceSchema.parse('workdays 17:30')).toEqual({ every: 'workday', minutes: 1050 });
    expect(recurrenceSchema.parse('every 15m')).toEqual({ every: 'interval', ms: 900_000 });
    expect(recurrenceSchema.parse('every 2h')).toEqual({ every: 'interval', ms: 7_200_000 });
    for (const bad of ['daily 8:00', 'daily 24:00', 'every 0m', 'weekly', '*/5 * * * *']) {
      expect(recurrenceSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('a working-day rule skips the weekend and holidays', () => {
    const rule = recurrenceSchema.parse('workdays 09:30');
    expect(nextRunAfter(rule, new Date('2026-11-27T09:00:00Z'), berlin)).toEqual(
      new Date('2026-11-30T08:30:00Z'),
    );
    expect(nextRunAfter(rule, new Date('2026-12-23T09:00:00Z'), berlin)).toEqual(
      new Date('2026-12-28T08:30:00Z'),
    );
  });

  it('property: the next run of a daily rule is within a day and at the rule time', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 1439 }), zones, (at, minutes, timeZone) => {
        const next = nextRunAfter({ every: 'day', minutes }, at, { ...berlin, timeZone });
        expect(next.getTime()).toBeGreaterThan(at.getTime());
        expect(next.getTime() - at.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
      }),
      { numRuns: 300 },
    );
  });
});
