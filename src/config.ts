import { z } from 'zod';
import { isTimeZone } from './calendar.ts';

/**
 * Every environment variable orderdesk reads, parsed once at start-up. Nothing else reads
 * process.env: a misconfiguration stops the process before it accepts a request, with one
 * line per problem, instead of failing at the first click.
 */

/** A comma-separated list: each item trimmed, empty ones dropped. */
const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const slackUserIds = commaList.pipe(
  z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'Slack user ids like U012ABCDEF, comma-separated')),
);

const optionalText = z
  .string()
  .optional()
  .transform((s) => (s?.trim() ? s.trim() : undefined));

/** Milliseconds a database call may take; Slack gives a request 3 s in all. */
const milliseconds = (example: number) =>
  z.coerce
    .number({ error: `milliseconds such as ${example}` })
    .int(`milliseconds such as ${example}`)
    .min(1, `milliseconds from 1 to 60000`)
    .max(60_000, `milliseconds from 1 to 60000`)
    .default(example);

const timeZone = z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin');

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const workdaysMessage = 'weekdays such as Mon-Fri or Mon,Tue,Thu (Mon … Sun)';

/** `Mon-Fri`, `Mon,Wed,Fri` or a mix, into ISO weekday numbers (1 = Monday), sorted. */
const workdays = z.string().transform((text, ctx) => {
  const days = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const [from, to = from] = part.split('-').map((d) => weekdayNames.indexOf(d.trim()) + 1);
    if (!from || !to || from > to) {
      ctx.addIssue({ code: 'custom', message: workdaysMessage });
      return z.NEVER;
    }
    for (let day = from; day <= to; day++) days.add(day);
  }
  return [...days].sort((a, b) => a - b);
});

const clockTime = /^([01]\d|2[0-3]):([0-5]\d)$/;
const hoursMessage = 'opening and closing times such as 09:00-17:00, opening first';

/** `09:00-17:00` into minutes after midnight. */
const businessHours = z.string().transform((text, ctx) => {
  const [opens, closes] = text.split('-').map((t) => clockTime.exec(t.trim()));
  if (!opens || !closes) {
    ctx.addIssue({ code: 'custom', message: hoursMessage });
    return z.NEVER;
  }
  const opensAt = Number(opens[1]) * 60 + Number(opens[2]);
  const closesAt = Number(closes[1]) * 60 + Number(closes[2]);
  if (opensAt >= closesAt) {
    ctx.addIssue({ code: 'custom', message: hoursMessage });
    return z.NEVER;
  }
  return { opensAt, closesAt };
});

/**
 * How urgent a problem can be, most urgent first: the SLA setting below and the problem forms
 * and cards read this one list.
 */
export const severities = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];
/** How long a problem of each severity may wait for its department: minutes, or working days. */
export type ProblemSla = Record<Severity, { minutes: number } | { workingDays: number }>;
const slaMessage = 'severities and times such as critical:15m,high:1h,medium:4h,low:1d (d: working days)';

/** `critical:15m,high:1h,medium:4h,low:1d`; a severity left out keeps its default. */
const problemSla = z.string().transform((text, ctx) => {
  const sla: ProblemSla = {
    critical: { minutes: 15 },
    high: { minutes: 60 },
    medium: { minutes: 240 },
    low: { workingDays: 1 },
  };
  for (const part of text.split(',').filter((p) => p.trim())) {
    const m = /^\s*(critical|high|medium|low)\s*:\s*(\d{1,4})\s*(m|h|d)\s*$/.exec(part);
    const amount = Number(m?.[2]);
    if (!m || amount < 1) {
      ctx.addIssue({ code: 'custom', message: slaMessage });
      return z.NEVER;
    }
    const severity = m[1] as keyof ProblemSla;
    sla[severity] = m[3] === 'd' ? { workingDays: amount } : { minutes: m[3] === 'h' ? amount * 60 : amount };
  }
  return sla;
});

const holdSeverities = commaList.pipe(
  z.array(z.enum(severities, { error: 'severities such as high,critical (or none)' })),
);

export const configSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(
    z.string().startsWith('xoxb-', 'a bot token starting with xoxb-').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText.pipe(z.string().min(16, 'the 32-character signing secret').optional()),
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'an app-level token starting with xapp-').optional(),
  ),
  SLACK_API_URL: optionalText.pipe(z.url('an http(s) URL such as https://slack.com/api/').optional()),
  PORT: z.coerce
    .number({ error: 'a port number from 0 to 65535' })
    .int('a port number from 0 to 65535')
    .min(0, 'a port number from 0 to 65535')
    .max(65535, 'a port number from 0 to 65535')
    .default(3000),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
      .optional(),
  ),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_CONNECT_TIMEOUT_MS: milliseconds(1000),
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(2000),
  ORDERDESK_TIMEZONE: timeZone.default('UTC'),
  ORDERDESK_ADMINS: slackUserIds.default([]),
  ORDERDESK_WORKDAYS: workdays.default([1, 2, 3, 4, 5]),
  ORDERDESK_BUSINESS_HOURS: businessHours.default({ opensAt: 9 * 60, closesAt: 17 * 60 }),
  ORDERDESK_PRICE_WARN_PERCENT: z.coerce
    .number({ error: 'a percentage such as 15' })
    .min(0, 'a percentage from 0 to 1000')
    .max(1000, 'a percentage from 0 to 1000')
    .default(15),
  ORDERDESK_PRICE_FLOOR_PERCENT: z.coerce
    .number({ error: 'a percentage such as 70' })
    .min(0, 'a percentage from 0 to 100')
    .max(100, 'a percentage from 0 to 100')
    .default(70),
  ORDERDESK_DELIVERY_HORIZON_DAYS: z.coerce
    .number({ error: 'a number of days such as 730' })
    .int('a whole number of days')
    .min(1, 'at least 1 day')
    .max(3650, 'at most 3650 days (ten years)')
    .default(730),
  /** One-person desks: the order's own admin may decide its credit hold (separation of duties off). */
  ORDERDESK_SELF_APPROVAL: z
    .enum(['true', 'false'], { error: 'true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  ORDERDESK_FOLLOWUP_DAYS: z.coerce
    .number({ error: 'a number of working days such as 3' })
    .int('a whole number of working days')
    .min(1, 'at least 1 working day')
    .max(60, 'at most 60 working days')
    .default(3),
  ORDERDESK_AUTO_COMPLETE_DAYS: z.coerce
    .number({ error: 'a number of days such as 14' })
    .int('a whole number of days')
    .min(1, 'at least 1 day')
    .max(365, 'at most 365 days')
    .default(14),
  ORDERDESK_NUDGE_DAYS: z.coerce
    .number({ error: 'a number of days such as 2' })
    .int('a whole number of days')
    .min(0, 'from 0 days (the delivery date itself)')
    .max(60, 'at most 60 days')
    .default(2),
  ORDERDESK_ACCEPT_HOURS: z.coerce
    .number({ error: 'a number of hours such as 4' })
    .int('a whole number of hours')
    .min(1, 'at least 1 hour')
    .max(336, 'at most 336 hours (two weeks)')
    .default(4),
  ORDERDESK_PROGRESS_UPDATE_AFTER_DAYS: z.coerce
    .number({ error: 'a number of days such as 7' })
    .int('a whole number of days')
    .min(1, 'at least 1 day')
    .max(365, 'at most 365 days')
    .default(7),
  ORDERDESK_PROGRESS_UPDATE_EVERY_DAYS: z.coerce
    .number({ error: 'a number of days such as 7' })
    .int('a whole number of days')
    .min(1, 'at least 1 day')
    .max(90, 'at most 90 days')
    .default(7),
  ORDERDESK_PROBLEM_SLA: optionalText.transform((s) => s ?? '').pipe(problemSla),
  ORDERDESK_PROBLEM_HOLD: optionalText
    .transform((s) => (s === 'none' ? '' : (s ?? 'high,critical')))
    .pipe(holdSeverities),
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'a token of at least 16 characters').optional()),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { error: 'one of debug, info, warn, error' })
    .default('info'),
});

export type Config = z.infer<typeof configSchema>;

/** Never echoed in a problem line: even a wrong secret may be most of the right one. */
const secretVariables = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'METRICS_TOKEN',
]);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses an environment; throws ConfigError listing every bad variable at once. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    const found = env[name];
    const shown =
      found === undefined
        ? 'nothing'
        : secretVariables.has(name)
          ? `a value of ${found.length} characters`
          : JSON.stringify(found);
    return `${name}: found ${shown}, expected ${issue.message}`;
  });
  throw new ConfigError([...new Set(lines)]);
}
