import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationRules, departments } from '../../src/db/schema.ts';
import { routingConfig } from '../../src/routing/routing-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let other: TestDatabase;
const at = new Date('2026-11-27T10:00:00Z');

beforeAll(async () => {
  // Two databases made from the same migrated copy: they start with the same revision token.
  [database, other] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await database.db.insert(departments).values({ key: 'production', name: 'Production', dailyCapacity: 10 });
  await database.db.insert(allocationRules).values({
    position: 1,
    name: 'Rush',
    conditions: { maxDaysUntilDelivery: 3 },
    route: [{ department: 'production', pick: 'round_robin' }],
    updatedAt: at,
  });
});
afterAll(() => Promise.all([database.close(), other.close()]));

describe('the rules and departments routing works from', () => {
  it('are read once and kept while nothing changes', async () => {
    const first = await routingConfig(database.db);
    expect(first.rules.map((r) => r.name)).toEqual(['Rush']);
    expect([...first.departments.keys()]).toEqual(['production']);
    expect(await routingConfig(database.db)).toBe(first);
    expect(Object.isFrozen(first.departments.get('production'))).toBe(true);
  });

  it('follow an edit to a rule at once, whoever made it (another instance writes the same database)', async () => {
    await routingConfig(database.db);
    await database.db.execute(sql`update allocation_rules set name = 'Rush orders'`);
    expect((await routingConfig(database.db)).rules.map((r) => r.name)).toEqual(['Rush orders']);
    await database.db.delete(allocationRules);
    expect((await routingConfig(database.db)).rules).toEqual([]);
  });

  it('follow an edit to a department at once', async () => {
    await database.db
      .update(departments)
      .set({ channelId: 'C0PROD' })
      .where(eq(departments.key, 'production'));
    expect((await routingConfig(database.db)).departments.get('production')?.channelId).toBe('C0PROD');
  });

  it("see an edit made in the reader's own transaction, and none made in one that rolled back", async () => {
    const inside = await database.db
      .transaction(async (tx) => {
        await tx.update(departments).set({ dailyCapacity: 99 });
        const seen = (await routingConfig(tx)).departments.get('production')?.dailyCapacity;
        tx.rollback();
        return seen;
      })
      .catch(() => 'rolled back');
    expect(inside).toBe('rolled back');
    expect((await routingConfig(database.db)).departments.get('production')?.dailyCapacity).toBe(10);
  });

  it('never mix up two databases that started from the same copy', async () => {
    expect((await routingConfig(other.db)).departments.size).toBe(0);
    expect((await routingConfig(database.db)).departments.size).toBe(1);
  });
});
