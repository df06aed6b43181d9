import { z } from 'zod';
import { formatCents, MAX_AMOUNT_CENTS } from '../money.ts';
import { showsNothing } from './visible-text.ts';

/**
 * Rules for values typed into a form or a CSV cell, shared by the customer and product schemas.
 * Each rule takes what both sources give (text, or nothing) and either returns a value the
 * database can store or reports one message that names the field and the rule. The messages
 * are shown as they are under a modal input and after `line N, column X:` in an import, so
 * they quote what was typed rather than relying on the place they are shown.
 */

type Ctx = z.core.$RefinementCtx;

// Any number, NaN and Infinity included: they must reach the rule and be refused in its words.
const anyNumber = z.custom<number>((v) => typeof v === 'number');
const textInput = (label: string) =>
  z.union([z.string(), anyNumber], { error: `${label} must be text` }).nullish();

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** What was typed, quoted and cut short so a 3,000-character paste stays a readable message. */
export function quoted(value: string): string {
  const chars = Array.from(value);
  return JSON.stringify(chars.length <= 40 ? value : `${chars.slice(0, 39).join('')}…`);
}

const isBlank = (value: string | number | null | undefined): value is null | undefined | '' =>
  value === null || value === undefined || String(value).trim() === '';

/** A label inside a sentence: "Credit limit" → "credit limit", but "SKU" and "Slack …" stay. */
const inSentence = (label: string) =>
  /^([A-Z]{2}|Slack\b)/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);

/** Characters, as people count them: an emoji or a CJK character is one. */
const length = (value: string) => Array.from(value).length;

/**
 * Postgres refuses U+0000 in text, and other control characters would break a card's layout.
 * Tabs and line breaks are allowed only where the text may have several lines.
 */
function hasControl(text: string, multiline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isBreak = c === 9 || c === 10 || c === 13;
    if ((c < 32 && !(multiline && isBreak)) || c === 127) return true;
  }
  return false;
}

interface TextRule {
  max: number;
  /** Line breaks allowed (a specification), rather than one line (a name). */
  multiline?: boolean;
  /** Returned for an empty value; without it the field is required. */
  empty?: string;
}

/** Free text, stored exactly as typed: no trimming, no case change. */
export function text(label: string, rule: TextRule) {
  return textInput(label).transform((value, ctx): string => {
    if (isBlank(value)) return rule.empty ?? fail(ctx, `${label} is required`);
    const typed = String(value);
    if (showsNothing(typed)) {
      return fail(
        ctx,
        `${label} has only invisible characters (zero-width or blank): type one people can read`,
      );
    }
    const n = length(typed);
    if (n > rule.max) return fail(ctx, `${label} is ${n} characters long; at most ${rule.max} are allowed`);
    if (hasControl(typed, rule.multiline ?? false)) {
      const what = rule.multiline ? 'control characters' : 'line breaks or control characters';
      return fail(ctx, `${label} cannot contain ${what}`);
    }
    return typed;
  });
}

interface CodeRule {
  max: number;
  /** The characters allowed, e.g. /^[A-Za-z0-9_-]+$/. */
  pattern: RegExp;
  /** The pattern in words, e.g. "letters, digits, - or _". */
  allowed: string;
}

/** A short identifier people type in commands: trimmed and stored in capitals. */
export function code(label: string, rule: CodeRule) {
  return textInput(label).transform((value, ctx): string => {
    if (isBlank(value)) return fail(ctx, `${label} is required`);
    const typed = String(value).trim();
    if (length(typed) > rule.max) {
      return fail(ctx, `${label} is ${length(typed)} characters long; at most ${rule.max} are allowed`);
    }
    if (!rule.pattern.test(typed)) {
      return fail(ctx, `${quoted(typed)} is not a valid ${inSentence(label)}: use ${rule.allowed}`);
    }
    return typed.toUpperCase();
  });
}

interface AmountRule {
  /** A price must be more than zero; a limit or a balance may be zero. */
  positive?: boolean;
  /** Returned (in cents) for an empty value; without it the field is required. */
  empty?: number;
}

const amountPattern = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Money as typed ("2500", "2500.5", "2500.50") into whole cents, never through a float. */
export function amount(label: string, rule: AmountRule = {}) {
  const max = formatCents(MAX_AMOUNT_CENTS);
  return textInput(label).transform((value, ctx): number => {
    if (isBlank(value)) return rule.empty ?? fail(ctx, `${label} is required`);
    const typed = String(value).trim();
    if (/^-\s*\d/.test(typed)) return fail(ctx, `${label} cannot be negative (${quoted(typed)})`);
    if (/^\d+\.\d{3,}$/.test(typed)) {
      return fail(ctx, `${label} has at most two decimals (cents); ${quoted(typed)} has more`);
    }
    const match = amountPattern.exec(typed);
    if (!match) {
      const tooBig = /^\d{14,}(?:\.\d{1,2})?$/.test(typed);
      if (tooBig) return fail(ctx, `${label} must be at most ${max}`);
      return fail(
        ctx,
        `${quoted(typed)} is not an amount: ${inSentence(label)} takes digits with at most two decimals, like 2500.00`,
      );
    }
    const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
    if (rule.positive && cents === 0) return fail(ctx, `${label} must be more than 0`);
    if (cents > MAX_AMOUNT_CENTS) return fail(ctx, `${label} must be at most ${max}`);
    return cents;
  });
}

interface WholeRule {
  min: number;
  max: number;
  /** Returned for an empty value; without it the field is required. */
  empty?: number;
}

/** A count or a number of days: digits only, within a range. */
export function whole(label: string, rule: WholeRule) {
  const range = `from ${rule.min.toLocaleString('en-US')} to ${rule.max.toLocaleString('en-US')}`;
  return textInput(label).transform((value, ctx): number => {
    if (isBlank(value)) return rule.empty ?? fail(ctx, `${label} is required`);
    const typed = String(value).trim();
    if (!/^-?\d+$/.test(typed)) {
      return fail(ctx, `${quoted(typed)} is not a whole number: ${inSentence(label)} takes ${range}`);
    }
    const n = typed.length > 12 ? Number.POSITIVE_INFINITY : Number(typed);
    if (n < rule.min || n > rule.max) return fail(ctx, `${label} must be ${range}; ${quoted(typed)} is not`);
    return n;
  });
}

const yes = new Set(['true', 'yes', 'y', '1', 'x', 'on']);
const no = new Set(['false', 'no', 'n', '0', 'off']);

/** Yes or no: a checkbox gives a boolean, a CSV cell a word. Empty is no. */
export function flag(label: string) {
  return z
    .union([z.boolean(), z.string()], { error: `${label} must be yes or no` })
    .nullish()
    .transform((value, ctx): boolean => {
      if (typeof value === 'boolean') return value;
      if (isBlank(value)) return false;
      const word = value.trim().toLowerCase();
      if (yes.has(word)) return true;
      if (no.has(word)) return false;
      return fail(ctx, `${quoted(value)} is not yes or no: ${inSentence(label)} takes yes/no or true/false`);
    });
}

const listWords = (options: readonly string[]) =>
  options.length <= 1 ? options.join('') : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;

/** One value of a fixed list, case-insensitive; `empty` is used when nothing is chosen. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  label: string,
  options: T,
  rule: { empty?: T[number] } = {},
) {
  return textInput(label).transform((value, ctx): T[number] => {
    if (isBlank(value)) return rule.empty ?? fail(ctx, `${label} is required: choose ${listWords(options)}`);
    const word = String(value).trim().toLowerCase();
    const found = options.find((o) => o === word);
    if (found === undefined) {
      return fail(ctx, `${quoted(String(value))} is not a ${inSentence(label)}: use ${listWords(options)}`);
    }
    return found;
  });
}

/**
 * Several values of a fixed list: a modal gives an array, a CSV cell text separated by spaces,
 * commas, semicolons or bars. Returned without repeats, in the list's own order.
 */
export function someOf<const T extends readonly [string, ...string[]]>(label: string, options: T) {
  return z
    .union([z.array(z.string()), z.string()], { error: `${label} must be a list` })
    .nullish()
    .transform((value, ctx): T[number][] => {
      const typed = typeof value === 'string' ? value.split(/[\s,;|]+/) : (value ?? []);
      const words = typed.map((w) => w.trim().toLowerCase()).filter(Boolean);
      if (words.length === 0) return fail(ctx, `Choose at least one of the ${inSentence(label)}`);
      const unknown = words.filter((w) => !options.includes(w));
      if (unknown.length > 0) {
        const list = unknown.map(quoted).join(', ');
        return fail(
          ctx,
          `${list} ${unknown.length === 1 ? 'is' : 'are'} not among the ${inSentence(label)}: use ${listWords(options)}`,
        );
      }
      return options.filter((o) => words.includes(o));
    });
}

const slackIds = {
  user: { pattern: /^[UW][A-Z0-9]{2,}$/, example: 'U012ABCDEF' },
  channel: { pattern: /^[CG][A-Z0-9]{2,}$/, example: 'C012ABCDEF' },
} as const;

/** An optional Slack id, as a select gives it or as copied from Slack's "Copy member ID". */
export function slackId(label: string, kind: keyof typeof slackIds) {
  const { pattern, example } = slackIds[kind];
  return textInput(label).transform((value, ctx): string | null => {
    if (isBlank(value)) return null;
    const typed = String(value).trim();
    if (!pattern.test(typed)) {
      return fail(
        ctx,
        `${quoted(typed)} is not a Slack ${kind} id: ${inSentence(label)} takes one like ${example}`,
      );
    }
    return typed;
  });
}

/** An optional web address (http or https), such as a product guide a customer may open. */
export function webUrl(label: string) {
  return textInput(label).transform((value, ctx): string | null => {
    if (isBlank(value)) return null;
    const typed = String(value).trim();
    if (length(typed) > 500)
      return fail(ctx, `${label} is ${length(typed)} characters long; at most 500 are allowed`);
    if (!URL.canParse(typed) || !/^https?:$/.test(new URL(typed).protocol) || /[\s<>|]/.test(typed)) {
      return fail(
        ctx,
        `${quoted(typed)} is not a web address: ${inSentence(label)} takes one like https://example.com/guide`,
      );
    }
    return typed;
  });
}

/** The first message for each field, keyed like the input: a modal block id or a CSV column. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}

/** `credit_stop` → `creditStop`: a field's name as typed, as its column is named in code. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

type Columns<Fields, Renames> = {
  [K in keyof Fields & string as K extends keyof Renames ? Renames[K] & string : CamelCase<K>]: Fields[K];
};

/**
 * Typed fields (CSV columns, form block ids) under their columns' names: each field's name in
 * camel case, or the name `renames` gives it where the column says more (`credit_limit` is
 * stored as `creditLimitCents`).
 */
export function asColumns<Shape extends z.ZodRawShape, const Renames extends { [K in keyof Shape]?: string }>(
  fields: z.ZodObject<Shape>,
  renames: Renames,
) {
  const renamed: Partial<Record<string, string>> = renames;
  const columns = Object.keys(fields.shape).map(
    (field) => [field, renamed[field] ?? camelCase(field)] as const,
  );
  return fields.transform((typed) => {
    const values: Record<string, unknown> = typed;
    const row = Object.fromEntries(columns.map(([field, column]) => [column, values[field]]));
    return row as Columns<typeof typed, Renames>;
  });
}
