import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../src/calendar.ts';
import { lastSendAtOrBefore, nextSendAfter, periodEndingAt } from '../../src/summaries/summary-times.ts';

const calendar: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  workdays: [1, 2, 3, 4, 5],
  opensAt: 9 * 60,
  closesAt: 17 * 60,
  holidays: ['2026-12-07'],
};
const shanghaiDaily = { cadence: 'daily', hour: 8, timeZone: 'Asia/Shanghai' } as const;
const newYorkWeekly = { cadence: 'weekly', hour: 8, timeZone: 'America/New_York' } as const;

describe('when summaries are sent', () => {
  it('daily: 08:00 on the manager’s clock on working days, past weekends and holidays', () => {
    expect(nextSendAfter(shanghaiDaily, calendar, new Date('2026-12-03T00:00:00Z'))).toEqual(
      new Date('2026-12-04T00:00:00Z'),
    );
    // Friday's is sent; Monday the 7th is a holiday; Tuesday is next.
    expect(nextSendAfter(shanghaiDaily, calendar, new Date('2026-12-04T00:00:00Z'))).toEqual(
      new Date('2026-12-08T00:00:00Z'),
    );
  });

  it('weekly: the first working day of the week (Tuesday after a Monday holiday)', () => {
    expect(nextSendAfter(newYorkWeekly, calendar, new Date('2026-12-02T00:00:00Z'))).toEqual(
      new Date('2026-12-08T13:00:00Z'),
    );
    expect(nextSendAfter(newYorkWeekly, calendar, new Date('2026-12-08T13:00:00Z'))).toEqual(
      new Date('2026-12-14T13:00:00Z'),
    );
  });

  it('a summary covers the time since the one before, and the same stretch a week earlier', () => {
    const sendAt = new Date('2026-12-08T00:00:00Z');
    expect(periodEndingAt(shanghaiDaily, calendar, sendAt)).toEqual({
      cadence: 'daily',
      key: '2026-12-08',
      from: new Date('2026-12-04T00:00:00Z'),
      to: sendAt,
      before: { from: new Date('2026-11-27T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') },
    });
  });

  it('after days down, only the latest summary is due', () => {
    expect(lastSendAtOrBefore(shanghaiDaily, calendar, new Date('2026-12-10T03:00:00Z'))).toEqual(
      new Date('2026-12-10T00:00:00Z'),
    );
  });
});
