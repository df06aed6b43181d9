import { z } from 'zod';

/**
 * Allocation rules (issue: "Allocation rules"): an ordered list; the first rule whose
 * conditions all hold gives the order its route — the departments it passes through, in order,
 * and how each picks the person. Pure: the use case brings the order's traits and the rules.
 */
export const pickStrategies = ['round_robin', 'least_open', 'fixed'] as const;
export type PickStrategy = (typeof pickStrategies)[number];

export const routeStepSchema = z.object({
  department: z.string().min(1),
  pick: z.enum(pickStrategies).default('round_robin'),
  personId: z.string().optional(),
});
export type RouteStep = z.infer<typeof routeStepSchema>;

export const ruleConditionsSchema = z.object({
  categories: z.array(z.string()).optional(),
  minValueCents: z.number().int().nonnegative().optional(),
  maxValueCents: z.number().int().nonnegative().optional(),
  tiers: z.array(z.string()).optional(),
  paymentMethods: z.array(z.string()).optional(),
  minDaysUntilDelivery: z.number().int().optional(),
  maxDaysUntilDelivery: z.number().int().optional(),
});
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

export const routeSchema = z.array(routeStepSchema).min(1, 'a route needs at least one department');

export interface AllocationRule {
  id: number;
  name: string;
  conditions: RuleConditions;
  route: RouteStep[];
}

/** What the rules look at. */
export interface OrderTraits {
  /** Categories of the order's products; a rule on categories matches when any line has one. */
  categories: readonly string[];
  valueCents: number;
  tier: string;
  paymentMethod: string;
  daysUntilDelivery: number;
}

/** When no rule matches: make it, then ship it. */
export const defaultRoute: readonly RouteStep[] = [
  { department: 'production', pick: 'round_robin' },
  { department: 'logistics', pick: 'round_robin' },
];

export function matches(conditions: RuleConditions, order: OrderTraits): boolean {
  const c = conditions;
  if (c.categories?.length && !c.categories.some((cat) => order.categories.includes(cat))) return false;
  if (c.minValueCents !== undefined && order.valueCents < c.minValueCents) return false;
  if (c.maxValueCents !== undefined && order.valueCents > c.maxValueCents) return false;
  if (c.tiers?.length && !c.tiers.includes(order.tier)) return false;
  if (c.paymentMethods?.length && !c.paymentMethods.includes(order.paymentMethod)) return false;
  if (c.minDaysUntilDelivery !== undefined && order.daysUntilDelivery < c.minDaysUntilDelivery) return false;
  if (c.maxDaysUntilDelivery !== undefined && order.daysUntilDelivery > c.maxDaysUntilDelivery) return false;
  return true;
}

/** The route of the first matching rule, or the default route. */
export function chooseRoute(
  rules: readonly AllocationRule[],
  order: OrderTraits,
): { rule: AllocationRule | null; route: readonly RouteStep[] } {
  const rule = rules.find((r) => matches(r.conditions, order)) ?? null;
  return { rule, route: rule ? rule.route : defaultRoute };
}

export interface Candidate {
  id: string;
  away: boolean;
  /** Assignments open, accepted or started for this person now: known when least_open is asked. */
  openCount?: number;
}

/**
 * Who does a department's step. People marked away are skipped; null means nobody is
 * eligible and the step waits in the department's queue.
 * - round_robin: the next person after the one this department assigned last (by user id order);
 * - least_open: whoever has the fewest open assignments (ties by user id);
 * - fixed: the named person, when present and not away.
 */
export function pickPerson(
  step: RouteStep,
  candidates: readonly Candidate[],
  lastAssigned: string | null,
): string | null {
  const eligible = candidates.filter((c) => !c.away).sort((a, b) => a.id.localeCompare(b.id));
  if (eligible.length === 0) return null;
  switch (step.pick) {
    case 'fixed':
      return eligible.find((c) => c.id === step.personId)?.id ?? null;
    case 'least_open':
      return [...eligible].sort((a, b) => openOf(a) - openOf(b) || a.id.localeCompare(b.id))[0]?.id ?? null;
    case 'round_robin': {
      const next = lastAssigned ? eligible.find((c) => c.id.localeCompare(lastAssigned) > 0) : undefined;
      return (next ?? eligible[0])?.id ?? null;
    }
  }
}

function openOf(candidate: Candidate): number {
  if (candidate.openCount === undefined) throw new Error(`least_open without ${candidate.id}'s open count`);
  return candidate.openCount;
}
