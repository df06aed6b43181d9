import { asc, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { departments, people } from '../db/schema.ts';
import { deskChannelIds } from '../setup/desk-calendar-store.ts';
import type { DeskChannelChoice } from './desk-channels-form.ts';

export type DepartmentRow = typeof departments.$inferSelect;
export type PersonRow = typeof people.$inferSelect;

/** The order departments are listed in, in Settings and in the rule editor: by name, then key. */
export const departmentOrder = [asc(departments.name), asc(departments.key)] as const;

export interface DepartmentSummary extends DepartmentRow {
  /** People on record in the department, whatever their roles. */
  people: number;
}

export interface PersonSummary {
  slackUserId: string;
  name: string;
  roles: string[];
  departmentName: string | null;
  away: boolean;
}

export interface SettingsData {
  departments: DepartmentSummary[];
  people: PersonSummary[];
  /** The desk's own channels by purpose (problems, managers), as stored. */
  deskChannels: DeskChannelChoice;
}

/** What the Settings modal lists: every department with its head count, every person on record. */
export async function loadSettings(db: DbOrTx): Promise<SettingsData> {
  const heads = await db
    .select({ departmentId: people.departmentId, n: count() })
    .from(people)
    .groupBy(people.departmentId);
  const headsOf = new Map(heads.map((h) => [h.departmentId, h.n]));
  const depts = await db
    .select()
    .from(departments)
    .orderBy(...departmentOrder);
  const persons = await db
    .select({
      slackUserId: people.slackUserId,
      name: people.name,
      roles: people.roles,
      departmentName: departments.name,
      away: people.away,
    })
    .from(people)
    .leftJoin(departments, eq(departments.id, people.departmentId))
    .orderBy(asc(people.name), asc(people.slackUserId));
  return {
    departments: depts.map((d) => ({ ...d, people: headsOf.get(d.id) ?? 0 })),
    people: persons,
    deskChannels: await loadDeskChannels(db),
  };
}

export async function loadDeskChannels(db: DbOrTx): Promise<DeskChannelChoice> {
  const ids = await deskChannelIds(db);
  return { exceptions: ids.get('exceptions') ?? null, managers: ids.get('managers') ?? null };
}

export async function findPerson(db: DbOrTx, slackUserId: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.slackUserId, slackUserId));
  return row;
}

/** The departments a person may be put in, as the person form offers them. */
export function departmentChoices(db: DbOrTx) {
  return db
    .select({ id: departments.id, key: departments.key, name: departments.name })
    .from(departments)
    .orderBy(...departmentOrder);
}
