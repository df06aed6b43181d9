/**
 * How typed text and figures appear inside messages to the order admin. Typed text can be a
 * 3,000-character paste; a message quotes only the start of it, cut between whole characters
 * so an emoji is never split in half.
 */
const quotedLength = 40;

export function shown(text: string): string {
  let out = '';
  let count = 0;
  for (const character of text) {
    if (count === quotedLength) return `${out}…`;
    out += character;
    count += 1;
  }
  return out;
}

/** Characters as a person counts them: an emoji is one, not two UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * "Production's", but "Logistics'" and "Sales'": a name ending in s takes the apostrophe alone,
 * as English writes a plural's possessive. Every possessive of a name goes through here.
 */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/**
 * A closed set of stored values and the words shown for each, in the order they are offered:
 * the list and its words come from one table, so they cannot drift apart.
 */
export interface LabelledValues<T extends string> {
  values: readonly [T, ...T[]];
  labels: Readonly<Record<T, string>>;
  includes(value: string): value is T;
  /** The words for a stored value; one outside today's list (renamed since) shows as stored. */
  labelOf(value: string): string;
}

export function labelledValues<const T extends string>(labels: Record<T, string>): LabelledValues<T> {
  const includes = (value: string): value is T => Object.hasOwn(labels, value);
  return {
    values: Object.keys(labels) as [T, ...T[]],
    labels,
    includes,
    labelOf: (value) => (includes(value) ? labels[value] : value),
  };
}
