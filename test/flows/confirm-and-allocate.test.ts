import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitRequested } from '../../src/db/reserved-transaction.ts';
import { assignments, orderEvents, outbox, people as peopleTable } from '../../src/db/schema.ts';
import { confirmAndAllocate } from '../../src/flows/confirm-and-allocate.ts';
import { insertOrder, type NewOrder } from '../../src/orders/create-order.ts';
import type { OrderEvent } from '../../src/orders/order-events.ts';
import { findOrder } from '../../src/orders/order-store.ts';
import { aDepartment } from '../support/department-world.ts';
import { aOneLineOrder } from '../support/factories.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { onPostgres } from '../support/test-database.ts';

const now = new Date('2026-11-27T10:00:00Z');
const maker = 'U0MAKER';

let flow: Flow;
let draft: NewOrder;
beforeAll(async () => {
  flow = await startFlow();
  await aDepartment(flow, { key: 'production', name: 'Production', channelId: 'C0PROD' }, [maker]);
  await aDepartment(flow, { key: 'logistics', name: 'Logistics', channelId: 'C0LOGI' }, ['U0SHIPPER']);
  draft = await aOneLineOrder(flow.database.db, people.admin, {
    customer: { code: 'ENDCO' },
    product: { sku: 'END-A' },
    line: { quantity: 3, unitPriceCents: 900 },
  });
});
afterAll(() => flow?.stop());

/** Stores an order and confirms and allocates it in the same transaction, which ends there. */
async function storeAndAllocate(intakeKey: string, why?: OrderEvent) {
  const { ctx } = flow.desk;
  return ctx.db.transaction(async (tx) => {
    const order = await insertOrder(tx, now, ctx.timeZone, { ...draft, intakeKey });
    const allocated = await confirmAndAllocate(ctx, tx, now, {
      order,
      expectedVersion: order.version,
      steps: [{ action: 'confirm' }],
      actor: people.admin,
      why,
      endsTransaction: true,
    });
    return { allocated, commitSent: commitRequested(tx) };
  });
}

describe('an order confirmed and allocated at the end of its transaction (the Submit)', () => {
  it("sends the transaction's COMMIT with the allocation's writes when someone takes the first step (on a Postgres pool; PGlite commits when the function returns)", async () => {
    const { allocated, commitSent } = await storeAndAllocate('end:picked');
    expect(commitSent).toBe(onPostgres);
    expect(await findOrder(flow.database.db, allocated.id)).toMatchObject({ status: 'allocated' });
    const [first] = await flow.database.db
      .select()
      .from(assignments)
      .where(eq(assignments.orderId, allocated.id))
      .orderBy(assignments.step);
    expect(first).toMatchObject({ status: 'open', assigneeId: maker });
  });

  it("an order confirmed for a reason (finance's decision): the reason is recorded right after the moves, and the COMMIT still goes with the allocation's writes", async () => {
    const why: OrderEvent = { type: 'credit_decided', data: { decision: 'approved' } };
    const { allocated, commitSent } = await storeAndAllocate('end:why', why);
    expect(commitSent).toBe(onPostgres);
    const events = await flow.database.db
      .select({ type: orderEvents.type, data: orderEvents.data })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, allocated.id))
      .orderBy(orderEvents.id);
    expect(events.slice(-3)).toEqual([
      { type: 'status_changed', data: expect.objectContaining({ action: 'confirm', after: 'confirmed' }) },
      { type: 'status_changed', data: expect.objectContaining({ action: 'allocate', after: 'allocated' }) },
      why,
    ]);
  });

  it('with nobody to take the first step, the warnings are written after the steps and the transaction commits when it ends', async () => {
    await flow.database.db.update(peopleTable).set({ away: true }).where(eq(peopleTable.slackUserId, maker));
    const { allocated, commitSent } = await storeAndAllocate('end:nobody');
    expect(commitSent).toBe(false);
    expect(await findOrder(flow.database.db, allocated.id)).toMatchObject({ status: 'allocated' });
    const told = await flow.database.db
      .select({ channel: outbox.channel, payload: outbox.payload })
      .from(outbox)
      .where(like(outbox.idempotencyKey, `allocation:unassigned:%:${allocated.id}:%`));
    expect(told).toEqual([
      {
        channel: people.admin,
        payload: expect.objectContaining({
          message: expect.objectContaining({
            text: `:warning: ${allocated.number} waits unassigned in Production's queue: everyone there is away.`,
          }),
        }),
      },
    ]);
  });
});
