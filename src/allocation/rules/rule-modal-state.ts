import { z } from 'zod';
import { type InputValue, inputValues, list, single } from '../../blocks/view-values.ts';
import { customerTiers } from '../../customers/customer-tiers.ts';
import { paymentMethods } from '../../customers/payment-methods.ts';
import { parseMoneyToCents } from '../../money.ts';
import { productCategories } from '../../products/product-categories.ts';
import { pickStrategies, type RuleConditions } from '../../routing/allocation-rules.ts';
import { type RuleModalMeta, routeRows, stepBlock } from './rule-modal.ts';
import type { DraftStep, RuleDraft, RuleProblem } from './rule-validation.ts';

const metaSchema = z.object({
  ruleId: z.number().int().positive().nullable(),
  responseUrl: z.string().url().nullable(),
  routeVersion: z.number().int().nonnegative().default(0),
});

/** The modal's memory; anything the bot did not write reads as null (the form cannot be trusted). */
export function readRuleMeta(privateMetadata: string | undefined): RuleModalMeta | null {
  try {
    return metaSchema.parse(JSON.parse(privateMetadata ?? ''));
  } catch {
    return null;
  }
}

export interface SubmittedRule {
  position: number | null;
  draft: RuleDraft;
  /** For each step of `draft.route`, the modal row it came from (1-based). */
  rows: number[];
}

export type ReadRule = { ok: true; rule: SubmittedRule } | { ok: false; errors: Record<string, string> };

const wholeDays = z.coerce.number().int().min(0).max(3650);
const subset = <T extends string>(allowed: readonly T[], values: string[]): T[] =>
  values.filter((v): v is T => (allowed as readonly string[]).includes(v));

/**
 * The rule as the admin has it in the modal: typed text turned into values, errors by input
 * block for what cannot be read (a value that is not money). Department existence and the
 * route's people are the rule's own checks, made where the departments are known.
 */
export function readRuleForm(stateValues: unknown, routeVersion: number): ReadRule {
  const values = inputValues(stateValues);
  const errors: Record<string, string> = {};
  const text = (block: string) => single(values[block])?.trim() || null;

  const money = (block: string): number | undefined => {
    const typed = text(block);
    if (typed === null) return undefined;
    const parsed = parseMoneyToCents(typed);
    if (!parsed.ok) errors[block] = parsed.message.replace('a price', 'an amount');
    return parsed.ok ? parsed.value : undefined;
  };
  const count = (block: string): number | undefined => {
    const typed = text(block);
    if (typed === null) return undefined;
    const parsed = wholeDays.safeParse(typed);
    if (!parsed.success) errors[block] = 'Write a whole number of days, 0 to 3650.';
    return parsed.success ? parsed.data : undefined;
  };

  const conditions: RuleConditions = dropUndefined({
    categories: nonEmpty(subset(productCategories, list(values.categories))),
    minValueCents: money('min_value'),
    maxValueCents: money('max_value'),
    tiers: nonEmpty(subset(customerTiers, list(values.tiers))),
    paymentMethods: nonEmpty(subset(paymentMethods, list(values.payment_methods))),
    minDaysUntilDelivery: count('min_days'),
    maxDaysUntilDelivery: count('max_days'),
  });
  const route: DraftStep[] = [];
  const rows: number[] = [];
  for (let row = 1; row <= routeRows; row++) {
    const step = readStep(values, row, routeVersion);
    if (!step) continue;
    route.push(step);
    rows.push(row);
  }
  const position = Number(text('position'));
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    rule: {
      position: Number.isInteger(position) && position > 0 ? position : null,
      draft: { name: text('name') ?? '', conditions, route },
      rows,
    },
  };
}

function readStep(values: Record<string, InputValue>, row: number, routeVersion: number): DraftStep | null {
  const department = single(values[stepBlock(row, 'department', routeVersion)]);
  if (!department) return null;
  const pick = z
    .enum(pickStrategies)
    .catch('round_robin')
    .parse(single(values[stepBlock(row, 'pick', routeVersion)]));
  return { department, pick, personId: single(values[stepBlock(row, 'person', routeVersion)]) };
}

/**
 * The route as chosen so far in the modal, without the step of row `removed`: the steps below
 * move up one place, blank rows are left out.
 */
export function routeWithoutRow(stateValues: unknown, routeVersion: number, removed: number): DraftStep[] {
  const values = inputValues(stateValues);
  const route: DraftStep[] = [];
  for (let row = 1; row <= routeRows; row++) {
    const step = row === removed ? null : readStep(values, row, routeVersion);
    if (step) route.push(step);
  }
  return route;
}

/** Where each problem of the rule shows in the modal: under the input it is about. */
export function errorsInModal(
  problems: readonly RuleProblem[],
  rows: readonly number[],
  routeVersion: number,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { at, message } of problems) {
    let block: string;
    if (at.field === 'department' || at.field === 'person')
      block = stepBlock(rows[at.step] ?? 1, at.field, routeVersion);
    else if (at.field === 'route') block = stepBlock(1, 'department', routeVersion);
    else block = { name: 'name', maxValue: 'max_value', maxDays: 'max_days' }[at.field];
    errors[block] ??= message;
  }
  return errors;
}

const nonEmpty = <T>(items: T[]): T[] | undefined => (items.length ? items : undefined);

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
