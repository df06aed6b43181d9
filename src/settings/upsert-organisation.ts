import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { departments, people } from '../db/schema.ts';
import { noCounts, type UpsertCounts, upsertByKey } from '../db/upsert-support.ts';

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

/**
 * Departments by key; rows already as declared are not written, so a second run changes
 * nothing. `channelIds` null means the workspace was not asked: a department keeps the channel
 * it has rather than losing it to a run without a Slack token.
 */
export function upsertDepartments(
  tx: Tx,
  wanted: readonly DeclaredDepartment[],
  channelIds: ReadonlyMap<string, string> | null,
): Promise<UpsertCounts> {
  return upsertByKey(wanted, {
    key: 'key',
    stored: (keys) => tx.select().from(departments).where(inArray(departments.key, keys)),
    values: (d, row) => ({
      name: d.name,
      channelId: channelIds ? (channelIds.get(d.channelName) ?? null) : (row?.channelId ?? null),
      dailyCapacity: d.dailyCapacity,
      ...(d.capacityUnit ? { capacityUnit: d.capacityUnit } : {}),
      ...(d.managerId !== undefined ? { managerId: d.managerId } : {}),
    }),
    insert: (d, values) => tx.insert(departments).values({ key: d.key, ...values }),
    update: (d, values) => tx.update(departments).set(values).where(eq(departments.key, d.key)),
  });
}

/** People by Slack user id, with their roles and department; unchanged rows are not written. */
export async function upsertPeople(
  tx: Tx,
  wanted: readonly DeclaredPerson[],
  now: Date,
): Promise<UpsertCounts> {
  // The departments are read only when there is someone to put in one.
  if (!wanted.length) return noCounts();
  const departmentIds = new Map(
    (await tx.select({ key: departments.key, id: departments.id }).from(departments)).map((d) => [
      d.key,
      d.id,
    ]),
  );
  return upsertByKey(wanted, {
    key: 'slackUserId',
    stored: (ids) => tx.select().from(people).where(inArray(people.slackUserId, ids)),
    values: (p) => ({
      name: p.name,
      roles: [...new Set(p.roles)].sort(),
      departmentId: p.departmentKey ? (departmentIds.get(p.departmentKey) ?? null) : null,
      ...(p.away !== undefined ? { away: p.away } : {}),
    }),
    insert: (p, values) =>
      tx.insert(people).values({ slackUserId: p.slackUserId, ...values, updatedAt: now }),
    update: (p, values) =>
      tx
        .update(people)
        .set({ ...values, updatedAt: now })
        .where(eq(people.slackUserId, p.slackUserId)),
  });
}
