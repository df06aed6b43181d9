import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { allocationRules, departments, people } from '../../db/schema.ts';
import {
  type RouteStep,
  type RuleConditions,
  routeSchema,
  ruleConditionsSchema,
} from '../../routing/allocation-rules.ts';
import { departmentOrder } from '../../settings/settings-queries.ts';
import type { KnownDepartment } from './rule-validation.ts';

/** A stored rule as the admins see it; `position` counts from 1 in the order rules are tried. */
export interface ListedRule {
  id: number;
  position: number;
  name: string;
  conditions: RuleConditions;
  route: RouteStep[];
  /** The row no longer parses, so allocation skips it: shown so that it can be fixed or deleted. */
  unreadable: boolean;
}

export async function listRules(db: DbOrTx): Promise<ListedRule[]> {
  const rows = await db
    .select()
    .from(allocationRules)
    .orderBy(asc(allocationRules.position), asc(allocationRules.id));
  return rows.map((r, i) => {
    const conditions = ruleConditionsSchema.safeParse(r.conditions);
    const route = routeSchema.safeParse(r.route);
    return {
      id: r.id,
      position: i + 1,
      name: r.name,
      conditions: conditions.success ? conditions.data : {},
      route: route.success ? route.data : [],
      unreadable: !conditions.success || !route.success,
    };
  });
}

export async function findRule(db: DbOrTx, id: number): Promise<ListedRule | undefined> {
  return (await listRules(db)).find((r) => r.id === id);
}

/** Every department with the people its steps may be given to (members, as allocation picks them). */
export async function knownDepartments(db: DbOrTx): Promise<KnownDepartment[]> {
  const rows = await db
    .select({
      key: departments.key,
      name: departments.name,
      personId: people.slackUserId,
      roles: people.roles,
    })
    .from(departments)
    .leftJoin(people, eq(people.departmentId, departments.id))
    .orderBy(...departmentOrder);
  const byKey = new Map<string, { key: string; name: string; memberIds: string[] }>();
  for (const row of rows) {
    const department = byKey.get(row.key) ?? { key: row.key, name: row.name, memberIds: [] };
    byKey.set(row.key, department);
    if (row.personId && row.roles?.includes('member')) department.memberIds.push(row.personId);
  }
  return [...byKey.values()];
}
