import type { PickStrategy, RouteStep, RuleConditions } from '../../routing/allocation-rules.ts';

/**
 * Whether a rule an admin wrote (in the rule modal or the setup file) can be stored: it must
 * route through departments that exist, with a person for every fixed pick who works there.
 * Pure: the caller brings the departments and their members as they are now.
 */
export interface RuleDraft {
  name: string;
  conditions: RuleConditions;
  /** The steps as entered, blank ones already left out. */
  route: readonly DraftStep[];
}

export interface DraftStep {
  department: string;
  pick: PickStrategy;
  personId: string | null;
}

export interface KnownDepartment {
  key: string;
  name: string;
  /** The people the department's steps may be given to. */
  memberIds: readonly string[];
}

/** Where a problem is: a field of the rule, or a part of one route step (index into `route`). */
export type RuleProblemAt =
  | { field: 'name' | 'maxValue' | 'maxDays' | 'route' }
  | { field: 'department' | 'person'; step: number };

export interface RuleProblem {
  at: RuleProblemAt;
  message: string;
  /** The Slack user id the message names as written, for a surface that shows names instead. */
  person?: string;
}

export interface CheckedRule {
  name: string;
  conditions: RuleConditions;
  route: RouteStep[];
}

export type RuleCheck = { ok: true; rule: CheckedRule } | { ok: false; problems: RuleProblem[] };

export function checkRule(draft: RuleDraft, departments: readonly KnownDepartment[]): RuleCheck {
  const problems: RuleProblem[] = [];
  const name = draft.name.trim();
  if (!name) problems.push({ at: { field: 'name' }, message: 'Give the rule a name.' });
  const c = draft.conditions;
  if (c.minValueCents !== undefined && c.maxValueCents !== undefined && c.minValueCents > c.maxValueCents) {
    problems.push({
      at: { field: 'maxValue' },
      message: 'The highest order value is below the lowest: swap them or leave one empty.',
    });
  }
  if (
    c.minDaysUntilDelivery !== undefined &&
    c.maxDaysUntilDelivery !== undefined &&
    c.minDaysUntilDelivery > c.maxDaysUntilDelivery
  ) {
    problems.push({
      at: { field: 'maxDays' },
      message: 'The most days until delivery is below the fewest: swap them or leave one empty.',
    });
  }
  if (draft.route.length === 0) {
    problems.push({
      at: { field: 'route' },
      message: 'A rule needs a route: choose at least one department.',
    });
  }
  const byKey = new Map(departments.map((d) => [d.key, d]));
  const route: RouteStep[] = [];
  draft.route.forEach((step, index) => {
    const department = byKey.get(step.department);
    if (!department) {
      problems.push({
        at: { field: 'department', step: index },
        message: `There is no department "${step.department}".`,
      });
      return;
    }
    if (step.pick !== 'fixed') {
      route.push({ department: step.department, pick: step.pick });
      return;
    }
    if (!step.personId) {
      problems.push({
        at: { field: 'person', step: index },
        message: `A fixed pick needs a person: choose who in ${department.name} does this step.`,
      });
      return;
    }
    if (!department.memberIds.includes(step.personId)) {
      problems.push({
        at: { field: 'person', step: index },
        message: `${step.personId} is not a member of ${department.name}: choose one of its members.`,
        person: step.personId,
      });
      return;
    }
    route.push({ department: step.department, pick: 'fixed', personId: step.personId });
  });
  return problems.length ? { ok: false, problems } : { ok: true, rule: { name, conditions: c, route } };
}
