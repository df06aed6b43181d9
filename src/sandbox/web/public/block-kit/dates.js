// @ts-check
/**
 * `<!date^1392734382^{date_short_pretty} at {time}|fallback>`: Slack shows each reader the date
 * in their own time zone. The tokens are those of api.slack.com/reference/surfaces/formatting;
 * an unknown one is left as typed.
 */

/**
 * @typedef {object} DateOptions
 * @property {string} [timeZone] IANA zone of the reader; the browser's own when absent.
 * @property {Date} [now] For "Today" / "Yesterday" / "ago".
 */

/**
 * @param {number} seconds
 * @param {string} format
 * @param {DateOptions} options
 */
export function formatSlackDate(seconds, format, options = {}) {
  const at = new Date(seconds * 1000);
  const parts = partsOf(at, options.timeZone);
  const now = options.now ?? new Date();
  const days = dayNumber(partsOf(at, options.timeZone)) - dayNumber(partsOf(now, options.timeZone));
  const relative = days === 0 ? 'Today' : days === -1 ? 'Yesterday' : days === 1 ? 'Tomorrow' : null;
  const date = `${parts.month} ${ordinal(parts.day)}, ${parts.year}`;
  const short = `${parts.monthShort} ${parts.day}, ${parts.year}`;
  const long = `${parts.weekday}, ${date}`;
  /** @type {Record<string, string>} */
  const tokens = {
    date_num: `${parts.year}-${pad(parts.monthNumber)}-${pad(parts.day)}`,
    date,
    date_short: short,
    date_long: long,
    date_pretty: relative ?? date,
    date_short_pretty: relative ?? short,
    date_long_pretty: relative ?? long,
    day_divider_pretty: relative ?? `${parts.weekday}, ${parts.month} ${ordinal(parts.day)}`,
    time: `${pad(parts.hour)}:${pad(parts.minute)}`,
    time_secs: `${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}`,
    ago: ago(now.getTime() - at.getTime()),
  };
  return format.replace(/\{([a-z_]+)\}/g, (whole, /** @type {string} */ name) => tokens[name] ?? whole);
}

/**
 * @param {Date} at
 * @param {string | undefined} timeZone
 */
function partsOf(at, timeZone) {
  const formatted = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  /** @param {string} type */
  const get = (type) => formatted.find((p) => p.type === type)?.value ?? '';
  const monthNumber = Number(new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric' }).format(at));
  return {
    year: Number(get('year')),
    month: get('month'),
    monthShort: get('month').slice(0, 3),
    monthNumber,
    day: Number(get('day')),
    weekday: get('weekday'),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
  };
}

/** @param {{ year: number; monthNumber: number; day: number }} p */
function dayNumber(p) {
  return Math.floor(Date.UTC(p.year, p.monthNumber - 1, p.day) / 86_400_000);
}

/** @param {number} n */
function pad(n) {
  return String(n).padStart(2, '0');
}

/** @param {number} n */
function ordinal(n) {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** @param {number} ms */
function ago(ms) {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const [n, unit] =
    minutes < 60
      ? [minutes, 'minute']
      : minutes < 1440
        ? [Math.round(minutes / 60), 'hour']
        : [Math.round(minutes / 1440), 'day'];
  const words = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return ms >= 0 ? `${words} ago` : `in ${words}`;
}
