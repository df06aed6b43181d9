import {
  type CheckedRule,
  checkRule,
  type KnownDepartment,
  type RuleProblemAt,
} from '../allocation/rules/rule-validation.ts';
import type { SetupPath } from './read-setup-file.ts';
import { draftRoute, ruleConditions, type SetupFile } from './setup-file.ts';

/** What the workspace already has, where the file does not say otherwise. */
export interface ExistingSetup {
  departments: readonly { key: string; name: string }[];
  people: readonly { id: string; departmentKey: string | null; roles: readonly string[] }[];
}

export interface PlacedProblem {
  path: SetupPath;
  message: string;
}

export interface SetupCheck {
  problems: PlacedProblem[];
  /** The file's rules as they will be stored; null when the file has none to say. */
  rules: CheckedRule[] | null;
}

/**
 * What the file's shape cannot say: keys and ids declared twice, people and rules naming
 * departments that neither the file nor the workspace has, rules that would be refused in the
 * rule modal, and channels the workspace does not have (`channels` null: not looked up).
 */
export function checkSetup(
  file: SetupFile,
  existing: ExistingSetup,
  channels: ReadonlyMap<string, string> | null,
): SetupCheck {
  const problems: PlacedProblem[] = [];
  const twice = (list: 'departments' | 'people', field: 'key' | 'id', values: readonly string[]) => {
    const first = new Map<string, number>();
    values.forEach((value, i) => {
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, i);
      else
        problems.push({
          path: [list, i, field],
          message: `"${value}" is already declared at ${list}[${earlier}]`,
        });
    });
  };
  twice(
    'departments',
    'key',
    file.departments.map((d) => d.key),
  );
  twice(
    'people',
    'id',
    file.people.map((p) => p.id),
  );

  file.departments.forEach((d, i) => {
    if (channels && !channels.has(d.channel)) {
      problems.push({
        path: ['departments', i, 'channel'],
        message: `there is no channel #${d.channel} in the workspace (a private one must have the bot invited)`,
      });
    }
  });

  for (const [purpose, name] of Object.entries(file.channels ?? {})) {
    if (channels && name && !channels.has(name)) {
      problems.push({
        path: ['channels', purpose],
        message: `there is no channel #${name} in the workspace (a private one must have the bot invited)`,
      });
    }
  }

  const departments = knownDepartments(file, existing);
  const keys = new Set(departments.map((d) => d.key));
  file.people.forEach((p, i) => {
    if (p.department && !keys.has(p.department)) {
      problems.push({
        path: ['people', i, 'department'],
        message: `there is no department "${p.department}"`,
      });
    }
    if (!p.department && p.roles.includes('member')) {
      problems.push({ path: ['people', i, 'department'], message: 'a member needs a department: say which' });
    }
  });

  const rules: CheckedRule[] = [];
  file.rules?.forEach((rule, i) => {
    const check = checkRule(
      { name: rule.name, conditions: ruleConditions(rule.when), route: draftRoute(rule.route) },
      departments,
    );
    if (check.ok) rules.push(check.rule);
    else
      for (const { at, message } of check.problems)
        problems.push({ path: ['rules', i, ...ruleField(at)], message });
  });
  return { problems, rules: file.rules ? rules : null };
}

/** The departments rules may route through once the file is applied, with their members. */
function knownDepartments(file: SetupFile, existing: ExistingSetup): KnownDepartment[] {
  const names = new Map(existing.departments.map((d) => [d.key, d.name]));
  for (const d of file.departments) names.set(d.key, d.name);
  const declared = new Set(file.people.map((p) => p.id));
  const members = [
    ...existing.people.filter((p) => !declared.has(p.id)),
    ...file.people.map((p) => ({ id: p.id, departmentKey: p.department ?? null, roles: p.roles })),
  ].filter((p) => p.roles.includes('member'));
  return [...names].map(([key, name]) => ({
    key,
    name,
    memberIds: members.filter((p) => p.departmentKey === key).map((p) => p.id),
  }));
}

function ruleField(at: RuleProblemAt): SetupPath {
  switch (at.field) {
    case 'name':
      return ['name'];
    case 'maxValue':
      return ['when', 'max_value'];
    case 'maxDays':
      return ['when', 'max_days_until_delivery'];
    case 'route':
      return ['route'];
    case 'department':
      return ['route', at.step];
    case 'person':
      return ['route', at.step];
  }
}
