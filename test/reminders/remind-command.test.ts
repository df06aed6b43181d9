import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRemindCommand, reminderTime } from '../../src/reminders/remind-command.ts';

const now = new Date('2026-11-27T09:00:00Z');
const minutes = (n: number) => n * 60_000;
const refusal = (args: string) => {
  try {
    parseRemindCommand(args);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('reading /order remind', () => {
  it.each([
    ['in 1m', minutes(1)],
    ['in 30m', minutes(30)],
    ['in 2h', minutes(120)],
    ['in 2d', minutes(2 * 24 * 60)],
    ['in 1w', minutes(7 * 24 * 60)],
    ['in 1 minute', minutes(1)],
    ['in 2 hours', minutes(120)],
    ['in 3 days', minutes(3 * 24 * 60)],
    ['in 1 week', minutes(7 * 24 * 60)],
    ['IN 45 Mins', minutes(45)],
  ])('so-2026-000001 %s call ACME: after that long', (when, ms) => {
    expect(parseRemindCommand(`so-2026-000001 ${when} call ACME`)).toEqual({
      orderNumber: 'SO-2026-000001',
      when: { kind: 'in', ms },
      text: 'call ACME',
    });
  });

  it('on a date, with or without a time', () => {
    expect(parseRemindCommand('SO-2026-000001 on 2026-12-24 09:30 check the drawings').when).toEqual({
      kind: 'on',
      date: '2026-12-24',
      minutes: 9 * 60 + 30,
    });
    expect(parseRemindCommand('SO-2026-000001 on 2026-12-24 check the drawings')).toEqual({
      orderNumber: 'SO-2026-000001',
      when: { kind: 'on', date: '2026-12-24', minutes: null },
      text: 'check the drawings',
    });
  });

  it.each([
    ['', 'Say which order'],
    ['banana in 2h call', 'Say which order'],
    ['SO-2026-000001', 'Say when'],
    ['SO-2026-000001 tomorrow call', 'Say when'],
    ['SO-2026-000001 in soon call', 'could not read that as a while'],
    ['SO-2026-000001 in 2 fortnights call', 'could not read that as a while'],
    ['SO-2026-000001 in 0m call', 'could not read that as a while'],
    ['SO-2026-000001 in 2h', 'Say what to remind you of'],
    ['SO-2026-000001 on 2026-12-24 09:30', 'Say what to remind you of'],
    ['SO-2026-000001 on 2026-02-30 call', 'YYYY-MM-DD'],
    ['SO-2026-000001 on 24.12.2026 call', 'YYYY-MM-DD'],
    [`SO-2026-000001 in 2h ${'x'.repeat(1001)}`, 'keep it under 1000'],
  ])('%j is refused: %s', (args, message) => {
    expect(refusal(args)).toContain(message);
  });

  it('a time that is not one is part of the text', () => {
    expect(parseRemindCommand('SO-2026-000001 on 2026-12-24 25:00 call').text).toBe('25:00 call');
  });

  it('any amount and unit written either way reads as the same while, and the text is kept', () => {
    const units = { m: 1, minutes: 1, h: 60, hours: 60, d: 1440, days: 1440, w: 10080, weeks: 10080 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.constantFrom(...(Object.keys(units) as (keyof typeof units)[])),
        fc.boolean(),
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.!?-]{0,40}[A-Za-z0-9]$/),
        (amount, unit, joined, text) => {
          const when = joined ? `${amount}${unit}` : `${amount} ${unit}`;
          const parsed = parseRemindCommand(`SO-2026-000042 in ${when} ${text}`);
          expect(parsed.when).toEqual({ kind: 'in', ms: minutes(amount * units[unit]) });
          expect(parsed.text).toBe(text.split(/\s+/).join(' '));
        },
      ),
    );
  });
});

describe('when a reminder is due', () => {
  it('a while from now', () => {
    expect(reminderTime({ kind: 'in', ms: minutes(30) }, now, 'Europe/Berlin')).toEqual(
      new Date('2026-11-27T09:30:00Z'),
    );
  });

  it('a date and time on the person’s own wall clock; without a time, at nine', () => {
    const on = (minutes: number | null) => ({ kind: 'on', date: '2026-12-24', minutes }) as const;
    expect(reminderTime(on(9 * 60 + 30), now, 'America/New_York')).toEqual(new Date('2026-12-24T14:30:00Z'));
    expect(reminderTime(on(null), now, 'Europe/Berlin')).toEqual(new Date('2026-12-24T08:00:00Z'));
  });

  it('refuses a time that has passed, now included, and one more than a year ahead', () => {
    expect(() => reminderTime({ kind: 'on', date: '2026-11-27', minutes: 9 * 60 }, now, 'UTC')).toThrow(
      'That time has passed already (it is 2026-11-27 09:00 UTC for you)',
    );
    expect(() => reminderTime({ kind: 'in', ms: minutes(53 * 7 * 24 * 60) }, now, 'UTC')).toThrow(
      'more than a year ahead',
    );
    expect(reminderTime({ kind: 'on', date: '2027-11-27', minutes: 9 * 60 }, now, 'UTC')).toEqual(
      new Date('2027-11-27T09:00:00Z'),
    );
  });

  it('is always after now and within a year for any accepted while', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600_000 }), (mins) => {
        try {
          const at = reminderTime({ kind: 'in', ms: minutes(mins) }, now, 'UTC');
          expect(at.getTime()).toBeGreaterThan(now.getTime());
          expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(minutes(365 * 24 * 60));
        } catch (error) {
          expect((error as Error).message).toContain('more than a year ahead');
        }
      }),
    );
  });
});
