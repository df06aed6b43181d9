import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { departments, people } from '../db/schema.ts';
import { changes, storeDeclared, type UpsertCounts } from '../db/upsert-support.ts';

/** A department as a seed or setup file declares it; what it leaves out keeps its stored value. */
export interface DeclaredDepartment {
  key: string;
  name: string;
  channelName: string;
  dailyCapacity: number;
  capacityUnit?: 'orders' | 'units';
  managerId?: string | null;
}

/** A person as a seed or setup file declares them; `away` left out keeps what is stored. */
export interface DeclaredPerson {
  slackUserId: string;
  name: string;
  roles: readonly string[];
  departmentKey: string | null;
  away?: boolean;
}

const noCounts = (): UpsertCounts => ({ added: 0, updated: 0, unchanged: 0 });

/**
 * Departments by key; rows already as declared are not written, so a second run changes
 * nothing. `channelIds` null means the workspace was not asked: a department keeps the channel
 * it has rather than losing it to a run without a Slack token.
 */
export async function upsertDepartments(
  tx: Tx,
  wanted: readonly DeclaredDepartment[],
  channelIds: ReadonlyMap<string, string> | null,
): Promise<UpsertCounts> {
  const counts = noCounts();
  if (!wanted.length) return counts;
  const keys = wanted.map((d) => d.key);
  const stored = await tx.select().from(departments).where(inArray(departments.key, keys));
  const existing = new Map(stored.map((d) => [d.key, d]));
  for (const d of wanted) {
    const row = existing.get(d.key);
    const values = {
      name: d.name,
      channelId: channelIds ? (channelIds.get(d.channelName) ?? null) : (row?.channelId ?? null),
      dailyCapacity: d.dailyCapacity,
      ...(d.capacityUnit ? { capacityUnit: d.capacityUnit } : {}),
      ...(d.managerId !== undefined ? { managerId: d.managerId } : {}),
    };
    await storeDeclared(counts, row, (r) => changes(r, values), {
      insert: () => tx.insert(departments).values({ key: d.key, ...values }),
      update: () => tx.update(departments).set(values).where(eq(departments.key, d.key)),
    });
  }
  return counts;
}

/** People by Slack user id, with their roles and department; unchanged rows are not written. */
export async function upsertPeople(
  tx: Tx,
  wanted: readonly DeclaredPerson[],
  now: Date,
): Promise<UpsertCounts> {
  const counts = noCounts();
  if (!wanted.length) return counts;
  const departmentIds = new Map(
    (await tx.select({ key: departments.key, id: departments.id }).from(departments)).map((d) => [
      d.key,
      d.id,
    ]),
  );
  const ids = wanted.map((p) => p.slackUserId);
  const stored = await tx.select().from(people).where(inArray(people.slackUserId, ids));
  const existing = new Map(stored.map((p) => [p.slackUserId, p]));
  for (const p of wanted) {
    const row = existing.get(p.slackUserId);
    const values = {
      name: p.name,
      roles: [...new Set(p.roles)].sort(),
      departmentId: p.departmentKey ? (departmentIds.get(p.departmentKey) ?? null) : null,
      ...(p.away !== undefined ? { away: p.away } : {}),
    };
    await storeDeclared(counts, row, (r) => changes(r, values), {
      insert: () => tx.insert(people).values({ slackUserId: p.slackUserId, ...values, updatedAt: now }),
      update: () =>
        tx
          .update(people)
          .set({ ...values, updatedAt: now })
          .where(eq(people.slackUserId, p.slackUserId)),
    });
  }
  return counts;
}
