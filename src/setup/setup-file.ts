import { z } from 'zod';
import type { DraftStep } from '../allocation/rules/rule-validation.ts';
import { roles } from '../auth/roles.ts';
import { customerTiers } from '../customers/customer-tiers.ts';
import { paymentMethods } from '../customers/payment-methods.ts';
import { parseMoneyToCents } from '../money.ts';
import { productCategories } from '../products/product-categories.ts';
import { pickStrategies, type RuleConditions } from '../routing/allocation-rules.ts';
import { departmentKeyProblem } from '../settings/department-key.ts';

/**
 * The declarative setup file (`npm run db:seed -- setup FILE.yml`): departments, people and
 * allocation rules. Field names are snake_case as people write YAML; every message is written
 * to follow `file:line: path:`, so it says what the value must be rather than what went wrong
 * inside the parser.
 */
const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;
const listOf = (values: readonly string[]) =>
  z.array(z.enum(values as [string, ...string[]], { error: oneOf(values) }), {
    error: `must be a list, like [${values.slice(0, 2).join(', ')}]`,
  });

const userId = z
  .string({ error: 'must be a Slack user id, like U012AB3CD' })
  .regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a Slack user id, like U012AB3CD');

const departmentKey = z
  .string({ error: 'must be a department key, like production' })
  .superRefine((key, ctx) => {
    const problem = departmentKeyProblem(key);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const name = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

const channel = z
  .string({
    error: (issue) =>
      issue.input === null || issue.input === undefined
        ? 'must be a channel name in quotes, like "#production" (unquoted, # starts a comment)'
        : 'must be a channel name, like "#production"',
  })
  .regex(/^#?[a-z0-9][a-z0-9._-]{0,79}$/, 'must be a channel name, like "#production"')
  .transform((value) => value.replace(/^#/, ''));

const capacity = z
  .number({ error: 'must be a whole number above 0' })
  .int('must be a whole number above 0')
  .positive('must be a whole number above 0')
  .max(100_000, 'must be at most 100000');

const money = z
  .union([z.number(), z.string()], { error: 'must be an amount, like 1000.00' })
  .transform((value, ctx) => {
    const parsed = parseMoneyToCents(String(value));
    if (parsed.ok) return parsed.value;
    ctx.addIssue({
      code: 'custom',
      message: `must be an amount, like 1000.00 or 1000,00 (not ${String(value)})`,
    });
    return z.NEVER;
  });

const days = z
  .number({ error: 'must be a whole number of days, 0 or more' })
  .int('must be a whole number of days, 0 or more')
  .min(0, 'must be a whole number of days, 0 or more')
  .max(3650, 'must be at most 3650 days');

const department = z.strictObject({
  key: departmentKey,
  name: name(80),
  channel,
  /** Absent: no limit (stored as 0, as the settings form does for a blank capacity). */
  daily_capacity: capacity.default(0),
  capacity_unit: z.enum(['orders', 'units'], { error: oneOf(['orders', 'units']) }).default('orders'),
  manager: userId.optional(),
});

const person = z.strictObject({
  id: userId,
  name: name(120),
  roles: listOf(roles).min(1, `must list at least one of ${roles.join(', ')}`),
  department: departmentKey.optional(),
  away: z.boolean({ error: 'must be true or false' }).default(false),
});

const conditions = z.strictObject({
  categories: listOf(productCategories).optional(),
  min_value: money.optional(),
  max_value: money.optional(),
  tiers: listOf(customerTiers).optional(),
  payment_methods: listOf(paymentMethods).optional(),
  min_days_until_delivery: days.optional(),
  max_days_until_delivery: days.optional(),
});

/** A step is a department key (picked round-robin), or a map saying how to pick. */
const step = z.union(
  [
    departmentKey,
    z.strictObject({
      department: departmentKey,
      pick: z.enum(pickStrategies, { error: oneOf(pickStrategies) }).default('round_robin'),
      person: userId.optional(),
    }),
  ],
  { error: 'must be a department key, or {department, pick, person}' },
);

/** A real calendar date, written YYYY-MM-DD (quoted or not: YAML leaves it text). */
const calendarDate = z
  .string({ error: 'must be a date, like "2026-12-24"' })
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'must be a date that exists, like "2026-12-24"',
  );

/** A holiday is a date, or a date with the name people know it by. */
const holiday = z.union([calendarDate, z.strictObject({ date: calendarDate, name: name(80).optional() })], {
  error: 'must be a date like "2026-12-24", or {date, name}',
});

const rule = z.strictObject({
  name: name(80),
  when: conditions.default({}),
  route: z.array(step, { error: 'must be a list of departments' }),
});

export const setupFileSchema = z.strictObject(
  {
    departments: z.array(department, { error: 'must be a list of departments' }).default([]),
    people: z.array(person, { error: 'must be a list of people' }).default([]),
    /** Absent: the rules stay as they are; a list (even empty) replaces them. */
    rules: z.array(rule, { error: 'must be a list of rules' }).optional(),
    /** Absent: the holidays stay as they are; a list (even empty) replaces them. */
    holidays: z
      .array(holiday, { error: 'must be a list of dates' })
      .optional()
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list?.forEach((h, i) => {
          const date = typeof h === 'string' ? h : h.date;
          if (seen.has(date)) ctx.addIssue({ code: 'custom', path: [i], message: `${date} is listed twice` });
          seen.add(date);
        });
      }),
    /**
     * Channels the desk posts to that are no department's: `managers` gets the summaries,
     * `exceptions` every problem's card (besides its department's channel).
     */
    channels: z
      .strictObject(
        { managers: channel.optional(), exceptions: channel.optional() },
        { error: 'must be a map, like {managers: "#managers", exceptions: "#exceptions"}' },
      )
      .optional(),
  },
  { error: 'must be a map with departments, people, rules, holidays and channels' },
);

export type SetupFile = z.infer<typeof setupFileSchema>;
export type SetupDepartment = SetupFile['departments'][number];
export type SetupPerson = SetupFile['people'][number];
export type SetupRule = NonNullable<SetupFile['rules']>[number];

export function holidayList(file: SetupFile): { date: string; name: string }[] | null {
  return (
    file.holidays?.map((h) =>
      typeof h === 'string' ? { date: h, name: '' } : { date: h.date, name: h.name ?? '' },
    ) ?? null
  );
}

export function ruleConditions(when: SetupRule['when']): RuleConditions {
  const c: RuleConditions = {};
  if (when.categories?.length) c.categories = when.categories;
  if (when.min_value !== undefined) c.minValueCents = when.min_value;
  if (when.max_value !== undefined) c.maxValueCents = when.max_value;
  if (when.tiers?.length) c.tiers = when.tiers;
  if (when.payment_methods?.length) c.paymentMethods = when.payment_methods;
  if (when.min_days_until_delivery !== undefined) c.minDaysUntilDelivery = when.min_days_until_delivery;
  if (when.max_days_until_delivery !== undefined) c.maxDaysUntilDelivery = when.max_days_until_delivery;
  return c;
}

export function draftRoute(route: SetupRule['route']): DraftStep[] {
  return route.map((s) =>
    typeof s === 'string'
      ? { department: s, pick: 'round_robin', personId: null }
      : { department: s.department, pick: s.pick, personId: s.person ?? null },
  );
}
