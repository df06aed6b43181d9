import { asc, eq, inArray } from 'drizzle-orm';
import type { CheckedRule } from '../allocation/rule-validation.ts';
import type { Db, Tx } from '../db/client.ts';
import { allocationRules, departments, people } from '../db/schema.ts';
import { changes, type UpsertCounts } from '../db/upsert-support.ts';
import type { SetupFile } from './setup-file.ts';

export interface SetupReport {
  departments: UpsertCounts;
  people: UpsertCounts;
  /** Null when the file has no `rules`, so they were left as they are. */
  rules: (UpsertCounts & { removed: number }) | null;
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
 * Writes a checked setup file in one transaction: departments by key, people by user id, and
 * the file's rules in place of the stored ones. Rows equal to the file are not written, so a
 * second run of the same file changes nothing.
 */
export function applySetup(db: Db, setup: SetupToApply): Promise<SetupReport> {
  return db.transaction(async (tx) => ({
    departments: await upsertDepartments(tx, setup),
    people: await upsertPeople(tx, setup),
    rules: setup.rules ? await replaceRules(tx, setup.rules, setup.now) : null,
  }));
}

async function upsertDepartments(tx: Tx, { file, channels }: SetupToApply): Promise<UpsertCounts> {
  const counts: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
  const keys = file.departments.map((d) => d.key);
  if (!keys.length) return counts;
  const existing = new Map(
    (await tx.select().from(departments).where(inArray(departments.key, keys))).map((d) => [d.key, d]),
  );
  for (const d of file.departments) {
    const row = existing.get(d.key);
    const values = {
      name: d.name,
      channelId: channels ? (channels.get(d.channel) ?? null) : (row?.channelId ?? null),
      dailyCapacity: d.daily_capacity,
      capacityUnit: d.capacity_unit,
      managerId: d.manager ?? null,
    };
    if (!row) {
      await tx.insert(departments).values({ key: d.key, ...values });
      counts.added++;
    } else if (changes(row, values)) {
      await tx.update(departments).set(values).where(eq(departments.key, d.key));
      counts.updated++;
    } else counts.unchanged++;
  }
  return counts;
}

async function upsertPeople(tx: Tx, { file, now }: SetupToApply): Promise<UpsertCounts> {
  const counts: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
  const ids = file.people.map((p) => p.id);
  if (!ids.length) return counts;
  const departmentIds = new Map(
    (await tx.select({ key: departments.key, id: departments.id }).from(departments)).map((d) => [
      d.key,
      d.id,
    ]),
  );
  const existing = new Map(
    (await tx.select().from(people).where(inArray(people.slackUserId, ids))).map((p) => [p.slackUserId, p]),
  );
  for (const p of file.people) {
    const row = existing.get(p.id);
    const values = {
      name: p.name,
      roles: [...new Set(p.roles)].sort(),
      departmentId: p.department ? (departmentIds.get(p.department) ?? null) : null,
      away: p.away,
    };
    if (!row) {
      await tx.insert(people).values({ slackUserId: p.id, ...values, updatedAt: now });
      counts.added++;
    } else if (changes(row, values)) {
      await tx
        .update(people)
        .set({ ...values, updatedAt: now })
        .where(eq(people.slackUserId, p.id));
      counts.updated++;
    } else counts.unchanged++;
  }
  return counts;
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
    if (!row) {
      await tx.insert(allocationRules).values({ ...values, updatedAt: now });
      counts.added++;
    } else if (
      row.position !== values.position ||
      row.name !== values.name ||
      !sameJson(row.conditions, values.conditions) ||
      !sameJson(row.route, values.route)
    ) {
      await tx
        .update(allocationRules)
        .set({ ...values, updatedAt: now })
        .where(eq(allocationRules.id, row.id));
      counts.updated++;
    } else counts.unchanged++;
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
