import { asc, eq, inArray } from 'drizzle-orm';
import type { CheckedRule } from '../allocation/rules/rule-validation.ts';
import type { Db, Tx } from '../db/client.ts';
import { allocationRules } from '../db/schema.ts';
import { storeDeclared, type UpsertCounts } from '../db/upsert-support.ts';
import { upsertDepartments, upsertPeople } from '../settings/upsert-organisation.ts';
import { replaceHolidays, setDeskChannels } from './desk-calendar-store.ts';
import { holidayList, type SetupFile } from './setup-file.ts';

export interface SetupReport {
  departments: UpsertCounts;
  people: UpsertCounts;
  /** Null when the file has no `rules`, so they were left as they are. */
  rules: (UpsertCounts & { removed: number }) | null;
  /** How many holidays the file lists; null when it has none, so they were left as they are. */
  holidays: number | null;
}

export interface SetupToApply {
  file: SetupFile;
  /** The file's rules, already checked, in order; null leaves the stored rules alone. */
  rules: readonly CheckedRule[] | null;
  /** Channel ids by name; null keeps each department's channel (the workspace was not asked). */
  channels: ReadonlyMap<string, string> | null;
  now: Date;
}

/**
 * Writes a checked setup file in one transaction: departments by key, people by user id, the
 * file's rules and holidays in place of the stored ones, and the desk's own channels. Rows equal to the file are not written, so a
 * second run of the same file changes nothing.
 */
export function applySetup(db: Db, setup: SetupToApply): Promise<SetupReport> {
  return db.transaction(async (tx) => {
    await setDeskChannels(tx, setup.file.channels ?? {}, setup.channels);
    return {
      departments: await upsertDepartments(
        tx,
        setup.file.departments.map((d) => ({
          key: d.key,
          name: d.name,
          channelName: d.channel,
          dailyCapacity: d.daily_capacity,
          capacityUnit: d.capacity_unit,
          managerId: d.manager ?? null,
        })),
        setup.channels,
      ),
      people: await upsertPeople(
        tx,
        setup.file.people.map((p) => ({
          slackUserId: p.id,
          name: p.name,
          roles: p.roles,
          departmentKey: p.department ?? null,
          away: p.away,
        })),
        setup.now,
      ),
      rules: setup.rules ? await replaceRules(tx, setup.rules, setup.now) : null,
      holidays: await replaceHolidays(tx, holidayList(setup.file)),
    };
  });
}

/** The stored rules become the file's, position by position; equal ones are left untouched. */
async function replaceRules(tx: Tx, wanted: readonly CheckedRule[], now: Date) {
  const stored = await tx
    .select()
    .from(allocationRules)
    .orderBy(asc(allocationRules.position), asc(allocationRules.id))
    .for('update');
  const counts = { added: 0, updated: 0, unchanged: 0, removed: 0 };
  for (const [i, rule] of wanted.entries()) {
    const row = stored[i];
    const values = { position: i + 1, name: rule.name, conditions: rule.conditions, route: rule.route };
    const changed = (r: typeof allocationRules.$inferSelect) =>
      r.position !== values.position ||
      r.name !== values.name ||
      !sameJson(r.conditions, values.conditions) ||
      !sameJson(r.route, values.route);
    await storeDeclared(counts, row, changed, {
      insert: () => tx.insert(allocationRules).values({ ...values, updatedAt: now }),
      update: (r) =>
        tx
          .update(allocationRules)
          .set({ ...values, updatedAt: now })
          .where(eq(allocationRules.id, r.id)),
    });
  }
  const extra = stored.slice(wanted.length).map((r) => r.id);
  if (extra.length) await tx.delete(allocationRules).where(inArray(allocationRules.id, extra));
  counts.removed = extra.length;
  return counts;
}

/** jsonb does not keep key order, so values are compared with their keys sorted. */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}
