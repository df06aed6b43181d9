import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, people } from '../../src/db/schema.ts';
import { pickPerson } from '../../src/routing/allocation-rules.ts';
import { pickingData } from '../../src/routing/allocation-store.ts';
import { aCustomer } from '../support/factories.ts';
import { reading } from '../support/rows-read.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const at = new Date('2026-12-01T09:00:00Z');

describe('picking the person for a step, in a department with 1,500 steps under way', () => {
  let database: TestDatabase;
  let departmentId = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
    const customer = await aCustomer(database.db);
    const [department] = await database.db
      .insert(departments)
      .values({ key: 'production', name: 'Production' })
      .returning();
    departmentId = department?.id ?? 0;
    await database.db.insert(people).values(
      ['U0ANA', 'U0BEN', 'U0CAI'].map((slackUserId) => ({
        slackUserId,
        roles: ['member'],
        departmentId,
        updatedAt: at,
      })),
    );
    // Ana has 1,000 steps under way, Ben 500, Cai none; Ben was given the last one.
    await database.db.execute(sql`
      insert into orders (number, customer_id, status, delivery_date, payment_method, owner_id,
                          total_cents, created_at, updated_at)
      select 'SO-2026-' || lpad(g::text, 6, '0'), ${customer.id}, 'allocated', '2026-12-20', 'net30',
             'U0ADMIN', 100, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
      from generate_series(1, 1500) g`);
    await database.db.execute(sql`
      insert into assignments (order_id, step, department_id, pick, units, due_on, status, assignee_id, opened_at)
      select o.id, 0, ${departmentId}, 'round_robin', 1, '2026-12-20', 'accepted',
             case when o.id % 3 = 0 then 'U0BEN' else 'U0ANA' end,
             ${at.toISOString()}::timestamptz + o.id * interval '1 second'
      from orders o`);
    await database.db.execute(sql`analyze assignments`);
  });
  afterAll(() => database.close());

  it('round-robin goes on from whoever had the last step, without counting anyone’s work', async () => {
    const { result, read } = await reading(database.db, 'assignments', (tx) =>
      pickingData(tx, departmentId, 'round_robin'),
    );
    expect(
      pickPerson({ department: 'production', pick: 'round_robin' }, result.candidates, result.lastAssigned),
    ).toBe('U0CAI');
    // The last step given, found by index; not the 1,500 under way.
    expect(read).toBeLessThan(20);
  });

  it('least-open counts what each member has under way, and picks who has least', async () => {
    const { result, read } = await reading(database.db, 'assignments', (tx) =>
      pickingData(tx, departmentId, 'least_open'),
    );
    expect(result.candidates.map((c) => [c.id, c.openCount])).toEqual(
      expect.arrayContaining([
        ['U0ANA', 1000],
        ['U0BEN', 500],
        ['U0CAI', 0],
      ]),
    );
    expect(
      pickPerson({ department: 'production', pick: 'least_open' }, result.candidates, result.lastAssigned),
    ).toBe('U0CAI');
    expect(read).toBeGreaterThanOrEqual(1500);
  });
});
