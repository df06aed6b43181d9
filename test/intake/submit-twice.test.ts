import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/roles.ts';
import { orders } from '../../src/db/schema.ts';
import { submitOrder } from '../../src/intake/submit-order.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { acmeSubmission, seedIntakeWorld } from '../support/intake-world.ts';

const admin: Actor = { userId: people.admin, roles: ['admin'], departmentId: null, departmentKey: null };

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
});
afterAll(() => flow?.stop());

describe('one submission stored twice', () => {
  it('the second finds the order the first stored, and the next order takes the next number: none is skipped', async () => {
    const first = await submitOrder(flow.desk.ctx, admin, await acmeSubmission(flow, 'view:V0TWICE'));
    const again = await submitOrder(flow.desk.ctx, admin, await acmeSubmission(flow, 'view:V0TWICE'));
    expect(first.repeated).toBe(false);
    expect(again).toMatchObject({
      repeated: true,
      order: { id: first.order.id, number: first.order.number },
    });
    expect(
      await flow.database.db.select().from(orders).where(eq(orders.intakeKey, 'view:V0TWICE')),
    ).toHaveLength(1);

    const next = await submitOrder(flow.desk.ctx, admin, await acmeSubmission(flow, 'view:V0NEXT'));
    const serial = (number: string) => Number(number.split('-').at(-1));
    expect(serial(next.order.number)).toBe(serial(first.order.number) + 1);
  });

  it('two deliveries at once store one order', async () => {
    const [a, b] = await Promise.all([
      submitOrder(flow.desk.ctx, admin, await acmeSubmission(flow, 'view:V0RACE')),
      submitOrder(flow.desk.ctx, admin, await acmeSubmission(flow, 'view:V0RACE')),
    ]);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    expect(a.order.id).toBe(b.order.id);
  });
});
