import { arrayContains, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { departments, people, personTimeZones, summaryPreferences } from '../db/schema.ts';

export type CadenceChoice = 'daily' | 'weekly' | 'none';
export interface SummaryPreference {
  cadence: CadenceChoice;
  hour: number;
}

/** Without a choice of their own, a manager gets the daily summary at 08:00. */
export const defaultPreference: SummaryPreference = { cadence: 'daily', hour: 8 };

export async function preferenceOf(db: DbOrTx, userId: string): Promise<SummaryPreference> {
  const [row] = await db
    .select({ cadence: summaryPreferences.cadence, hour: summaryPreferences.hour })
    .from(summaryPreferences)
    .where(eq(summaryPreferences.userId, userId));
  return row ?? defaultPreference;
}

export async function savePreference(
  db: DbOrTx,
  userId: string,
  preference: SummaryPreference,
  now: Date,
): Promise<void> {
  await db
    .insert(summaryPreferences)
    .values({ userId, ...preference, updatedAt: now })
    .onConflictDoUpdate({ target: summaryPreferences.userId, set: { ...preference, updatedAt: now } });
}

/** The person's time zone as last looked up: undefined when never, null when Slack named none. */
export async function cachedTimeZone(
  db: DbOrTx,
  userId: string,
): Promise<{ timeZone: string | null; checkedAt: Date } | undefined> {
  const [row] = await db
    .select({ timeZone: personTimeZones.timeZone, checkedAt: personTimeZones.checkedAt })
    .from(personTimeZones)
    .where(eq(personTimeZones.userId, userId));
  return row;
}

/** Managers: people with the manager role, and every department's manager. */
export async function managerIds(db: DbOrTx): Promise<string[]> {
  const [byRole, byDepartment] = await Promise.all([
    db
      .select({ id: people.slackUserId })
      .from(people)
      .where(arrayContains(people.roles, ['manager'])),
    db
      .selectDistinct({ id: departments.managerId })
      .from(departments)
      .where(isNotNull(departments.managerId)),
  ]);
  return [...new Set([...byRole, ...byDepartment].flatMap((r) => (r.id ? [r.id] : [])))].sort();
}

export async function isManager(db: DbOrTx, userId: string): Promise<boolean> {
  return (await managerIds(db)).includes(userId);
}
