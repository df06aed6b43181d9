import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { departments, people } from '../db/schema.ts';
import { changes, type UpsertCounts } from '../db/upsert-support.ts';
import type { DemoDepartment, DemoPerson } from './demo-data.ts';

/**
 * Departments by key. `channelIds` null means the workspace was not asked: a department keeps
 * the channel it has rather than losing it to a seed run without a Slack token.
 */
export async function upsertDepartments(
  tx: Tx,
  wanted: readonly DemoDepartment[],
  channelIds: Map<string, string> | null,
): Promise<UpsertCounts> {
  const keys = wanted.map((d) => d.key);
  const existing = new Map(
    (await tx.select().from(departments).where(inArray(departments.key, keys))).map((d) => [d.key, d]),
  );
  const counts: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
  for (const d of wanted) {
    const row = existing.get(d.key);
    const channelId = channelIds ? (channelIds.get(d.channelName) ?? null) : (row?.channelId ?? null);
    const values = { name: d.name, channelId, dailyCapacity: d.dailyCapacity };
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

/** People by Slack user id, with the roles and department the demo gives them. */
export async function upsertPeople(tx: Tx, wanted: readonly DemoPerson[], now: Date): Promise<UpsertCounts> {
  const departmentIds = new Map((await tx.select().from(departments)).map((d) => [d.key, d.id]));
  const ids = wanted.map((p) => p.slackUserId);
  const existing = new Map(
    (await tx.select().from(people).where(inArray(people.slackUserId, ids))).map((p) => [p.slackUserId, p]),
  );
  const counts: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
  for (const p of wanted) {
    const row = existing.get(p.slackUserId);
    const departmentId = p.departmentKey ? (departmentIds.get(p.departmentKey) ?? null) : null;
    const values = { name: p.name, roles: [...p.roles].sort(), departmentId };
    if (!row) {
      await tx.insert(people).values({ slackUserId: p.slackUserId, ...values, updatedAt: now });
      counts.added++;
    } else if (changes(row, values)) {
      await tx
        .update(people)
        .set({ ...values, updatedAt: now })
        .where(eq(people.slackUserId, p.slackUserId));
      counts.updated++;
    } else counts.unchanged++;
  }
  return counts;
}
