import { type Logger, LogLevel } from '@slack/bolt';

const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * One line of JSON per entry on stderr, shared with Bolt so its messages and ours read alike.
 * `sink` exists for tests that assert what was logged.
 */
export function createLogger(
  level: `${LogLevel}` = LogLevel.INFO,
  sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  let current = level as LogLevel;
  let name = 'orderdesk';
  const write = (at: LogLevel, args: unknown[]) => {
    if (order.indexOf(at) < order.indexOf(current)) return;
    const [first, ...rest] = args;
    const entry: Record<string, unknown> = { level: at, at: new Date().toISOString(), name };
    entry.msg = typeof first === 'string' ? first : describe(first);
    if (rest.length) entry.details = rest.map(describe);
    sink(JSON.stringify(entry));
  };
  return {
    debug: (...a) => write(LogLevel.DEBUG, a),
    info: (...a) => write(LogLevel.INFO, a),
    warn: (...a) => write(LogLevel.WARN, a),
    error: (...a) => write(LogLevel.ERROR, a),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      name = n;
    },
  };
}

function describe(value: unknown): unknown {
  if (value instanceof Error) return { error: value.name, message: value.message, stack: value.stack };
  return value;
}
