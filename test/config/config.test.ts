import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has a working default for everything but the Slack credentials', () => {
    expect(parseConfig({})).toEqual({
      PORT: 3000,
      DATA_DIR: './.data',
      DATABASE_CONNECT_TIMEOUT_MS: 1000,
      DATABASE_STATEMENT_TIMEOUT_MS: 2000,
      ORDERDESK_TIMEZONE: 'UTC',
      ORDERDESK_ADMINS: [],
      ORDERDESK_WORKDAYS: [1, 2, 3, 4, 5],
      ORDERDESK_BUSINESS_HOURS: { opensAt: 540, closesAt: 1020 },
      ORDERDESK_PRICE_WARN_PERCENT: 15,
      ORDERDESK_PRICE_FLOOR_PERCENT: 70,
      ORDERDESK_DELIVERY_HORIZON_DAYS: 730,
      ORDERDESK_SELF_APPROVAL: false,
      ORDERDESK_FOLLOWUP_DAYS: 3,
      ORDERDESK_AUTO_COMPLETE_DAYS: 14,
      ORDERDESK_NUDGE_DAYS: 2,
      ORDERDESK_ACCEPT_HOURS: 4,
      ORDERDESK_PROGRESS_UPDATE_AFTER_DAYS: 7,
      ORDERDESK_PROGRESS_UPDATE_EVERY_DAYS: 7,
      ORDERDESK_PROBLEM_SLA: {
        critical: { minutes: 15 },
        high: { minutes: 60 },
        medium: { minutes: 240 },
        low: { workingDays: 1 },
      },
      ORDERDESK_PROBLEM_HOLD: ['high', 'critical'],
      LOG_LEVEL: 'info',
    });
  });

  it('reads admins as a comma-separated list of Slack user ids', () => {
    expect(parseConfig({ ORDERDESK_ADMINS: ' U012AB, W0ABC ,' }).ORDERDESK_ADMINS).toEqual([
      'U012AB',
      'W0ABC',
    ]);
  });

  it('reads when to follow up after delivery, and when silence completes the order', () => {
    const config = parseConfig({ ORDERDESK_FOLLOWUP_DAYS: '5', ORDERDESK_AUTO_COMPLETE_DAYS: '30' });
    expect([config.ORDERDESK_FOLLOWUP_DAYS, config.ORDERDESK_AUTO_COMPLETE_DAYS]).toEqual([5, 30]);
    expect(() => parseConfig({ ORDERDESK_FOLLOWUP_DAYS: '0' })).toThrow(
      'ORDERDESK_FOLLOWUP_DAYS: found "0", expected at least 1 working day',
    );
  });

  it('reads how early a delivery date is nudged, and how long a step may wait to be accepted', () => {
    const config = parseConfig({ ORDERDESK_NUDGE_DAYS: '0', ORDERDESK_ACCEPT_HOURS: '24' });
    expect([config.ORDERDESK_NUDGE_DAYS, config.ORDERDESK_ACCEPT_HOURS]).toEqual([0, 24]);
    expect(() => parseConfig({ ORDERDESK_ACCEPT_HOURS: '0.5' })).toThrow(
      'ORDERDESK_ACCEPT_HOURS: found "0.5", expected a whole number of hours',
    );
  });

  it('reads how long an order is in production before, and between, progress messages to the customer', () => {
    const config = parseConfig({
      ORDERDESK_PROGRESS_UPDATE_AFTER_DAYS: '10',
      ORDERDESK_PROGRESS_UPDATE_EVERY_DAYS: '3',
    });
    expect([
      config.ORDERDESK_PROGRESS_UPDATE_AFTER_DAYS,
      config.ORDERDESK_PROGRESS_UPDATE_EVERY_DAYS,
    ]).toEqual([10, 3]);
    expect(() => parseConfig({ ORDERDESK_PROGRESS_UPDATE_EVERY_DAYS: '0' })).toThrow(
      'ORDERDESK_PROGRESS_UPDATE_EVERY_DAYS: found "0", expected at least 1 day',
    );
  });

  it('reads how long each severity of problem waits before it escalates, and which put the order on hold', () => {
    const config = parseConfig({
      ORDERDESK_PROBLEM_SLA: 'critical:5m, low:2d',
      ORDERDESK_PROBLEM_HOLD: 'none',
    });
    expect(config.ORDERDESK_PROBLEM_SLA).toMatchObject({
      critical: { minutes: 5 },
      high: { minutes: 60 },
      low: { workingDays: 2 },
    });
    expect(config.ORDERDESK_PROBLEM_HOLD).toEqual([]);
    expect(parseConfig({ ORDERDESK_PROBLEM_HOLD: 'critical' }).ORDERDESK_PROBLEM_HOLD).toEqual(['critical']);
    expect(() => parseConfig({ ORDERDESK_PROBLEM_SLA: 'urgent:1h' })).toThrow(
      'ORDERDESK_PROBLEM_SLA: found "urgent:1h", expected severities and times such as critical:15m,high:1h,medium:4h,low:1d (d: working days)',
    );
  });

  it('treats an empty value as not set', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: '', DATABASE_URL: '  ' })).not.toHaveProperty(
      'SLACK_BOT_TOKEN',
      '',
    );
  });

  it('names every bad variable on a line of its own, with what was found and what is expected', () => {
    expect(
      problemsOf({
        SLACK_BOT_TOKEN: 'xoxp-user-token',
        METRICS_TOKEN: 'short-token',
        PORT: 'eighty',
        DATABASE_URL: 'mysql://db/orders',
        ORDERDESK_TIMEZONE: 'Mars/Olympus',
        ORDERDESK_ADMINS: 'dana',
        LOG_LEVEL: 'loud',
        SLACK_API_URL: 'not a url',
        DATABASE_STATEMENT_TIMEOUT_MS: '2s',
      }),
    ).toEqual([
      'SLACK_BOT_TOKEN: found a value of 15 characters, expected a bot token starting with xoxb-',
      'SLACK_API_URL: found "not a url", expected an http(s) URL such as https://slack.com/api/',
      'PORT: found "eighty", expected a port number from 0 to 65535',
      'DATABASE_URL: found "mysql://db/orders", expected a postgres:// URL',
      'DATABASE_STATEMENT_TIMEOUT_MS: found "2s", expected milliseconds such as 2000',
      'ORDERDESK_TIMEZONE: found "Mars/Olympus", expected an IANA time zone such as Europe/Berlin',
      'ORDERDESK_ADMINS: found "dana", expected Slack user ids like U012ABCDEF, comma-separated',
      'METRICS_TOKEN: found a value of 11 characters, expected a token of at least 16 characters',
      'LOG_LEVEL: found "loud", expected one of debug, info, warn, error',
    ]);
  });

  it('reads the working week and business hours, and says what it expected when they do not read', () => {
    const config = parseConfig({
      ORDERDESK_WORKDAYS: 'Tue-Thu, Sat',
      ORDERDESK_BUSINESS_HOURS: '08:30-16:00',
    });
    expect(config.ORDERDESK_WORKDAYS).toEqual([2, 3, 4, 6]);
    expect(problemsOf({ ORDERDESK_WORKDAYS: 'Fri-Mon' })).toHaveLength(1);
    expect(config.ORDERDESK_BUSINESS_HOURS).toEqual({ opensAt: 510, closesAt: 960 });
    expect(problemsOf({ ORDERDESK_WORKDAYS: 'weekdays', ORDERDESK_BUSINESS_HOURS: '17:00-09:00' })).toEqual([
      'ORDERDESK_WORKDAYS: found "weekdays", expected weekdays such as Mon-Fri or Mon,Tue,Thu (Mon … Sun)',
      'ORDERDESK_BUSINESS_HOURS: found "17:00-09:00", expected opening and closing times such as 09:00-17:00, opening first',
    ]);
  });
});
