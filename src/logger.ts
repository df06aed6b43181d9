import { type Logger, LogLevel } from '@slack/bolt';
import pino from 'pino';
import type { Config } from './config.ts';

/** Keys whose values are secrets wherever they appear in a logged object. */
const secretKeys = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'Authorization',
  'password',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'METRICS_TOKEN',
  'DATABASE_URL',
];
const redactPaths = secretKeys.flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
  `details[*].${key}`,
  `details[*].*.${key}`,
]);

const redacted = '[Redacted]';

/**
 * JSON lines on stderr through pino, behind Bolt's Logger interface so Bolt, its Web API
 * clients and orderdesk log alike. `secrets` are the configuration's values (configSecrets):
 * besides redacting known keys, any line that still contains one has it replaced, whatever
 * logged it (an error message, a URL, a library's debug line). `sink` exists for tests.
 */
export function createLogger(
  level: `${LogLevel}` = LogLevel.INFO,
  sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  secrets: readonly string[] = [],
): Logger {
  const scrub = scrubber(secrets);
  const options: pino.LoggerOptions = {
    level,
    base: { name: 'orderdesk' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  const destination = { write: (line: string) => sink(scrub(line.trimEnd())) };
  // pino's redaction walks its paths on every line, wildcards included: 46 µs a line against 3
  // without (measured), more than a whole ack. So a line whose fields hold none of the secret
  // keys goes through a twin without it; the scrubber still sees every line.
  const redacting = pino({ ...options, redact: { paths: redactPaths, censor: redacted } }, destination);
  const plain = pino(options, destination);
  const both = [plain, redacting];
  const loggerFor = (fields: unknown) => (mayHoldSecretKey(fields) ? redacting : plain);
  const write = (at: LogLevel, args: unknown[]) => {
    if (!plain.isLevelEnabled(at)) return;
    const [first, ...rest] = args;
    if (typeof first === 'string') {
      if (rest.length === 0) plain[at](first);
      else if (rest.length === 1 && rest[0] instanceof Error) loggerFor(rest[0])[at]({ err: rest[0] }, first);
      else loggerFor(rest)[at]({ details: rest.map(describe) }, first);
    } else if (first instanceof Error) {
      loggerFor(args)[at](
        { err: first, ...(rest.length ? { details: rest.map(describe) } : {}) },
        first.message,
      );
    } else if (
      isPlainObject(first) &&
      rest.length <= 1 &&
      (rest[0] === undefined || typeof rest[0] === 'string')
    ) {
      // pino's own shape, (fields, message): the fields become the line's keys.
      loggerFor(first)[at](first, rest[0] as string | undefined);
    } else {
      loggerFor(args)[at]({ details: args.map(describe) });
    }
  };
  return {
    debug: (...a) => write(LogLevel.DEBUG, a),
    info: (...a) => write(LogLevel.INFO, a),
    warn: (...a) => write(LogLevel.WARN, a),
    error: (...a) => write(LogLevel.ERROR, a),
    setLevel: (l) => {
      for (const logger of both) logger.level = l;
    },
    getLevel: () => plain.level as LogLevel,
    setName: (name) => {
      for (const logger of both) logger.setBindings({ name });
    },
  };
}

/** The configuration's values that must never reach a log line. */
export function configSecrets(
  config: Partial<
    Pick<
      Config,
      'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'METRICS_TOKEN' | 'DATABASE_URL'
    >
  >,
): string[] {
  const values = [
    config.SLACK_BOT_TOKEN,
    config.SLACK_SIGNING_SECRET,
    config.SLACK_APP_TOKEN,
    config.METRICS_TOKEN,
  ];
  if (config.DATABASE_URL) values.push(config.DATABASE_URL, databasePassword(config.DATABASE_URL));
  return values.filter((v): v is string => Boolean(v));
}

function databasePassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

/**
 * Replaces each secret, raw or as JSON escapes it. Values shorter than 8 characters are left
 * alone: a short database password such as "postgres" would blank ordinary words.
 */
function scrubber(secrets: readonly string[]): (line: string) => string {
  const forms = [
    ...new Set(secrets.filter((s) => s.length >= 8).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])),
  ];
  if (forms.length === 0) return (line) => line;
  return (line) =>
    forms.reduce((out, form) => (out.includes(form) ? out.replaceAll(form, redacted) : out), line);
}

const secretKeySet = new Set(secretKeys);
/** Deeper than the redaction paths reach (`details[*].*.key`): past this, assume a secret may hide. */
const redactionDepth = 4;

/** Whether any key a redaction path names appears in `value`, as deep as those paths reach. */
function mayHoldSecretKey(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= redactionDepth) return true;
  if (Array.isArray(value)) return value.some((item) => mayHoldSecretKey(item, depth + 1));
  for (const key of Object.keys(value)) {
    if (secretKeySet.has(key)) return true;
    if (mayHoldSecretKey((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function describe(value: unknown): unknown {
  if (value instanceof Error) return { error: value.name, message: value.message, stack: value.stack };
  return value;
}
