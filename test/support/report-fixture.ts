import type { DbOrTx } from '../../src/db/client.ts';
import {
  assignments,
  departments,
  exceptions,
  orderChanges,
  orderEvents,
  orderFeedback,
  orderLines,
  orders,
} from '../../src/db/schema.ts';
import { aCustomer, aProduct } from './factories.ts';

/**
 * November 2026, small enough to compute by hand (report-figures.test.ts spells out each figure):
 * A on time with two steps and a 5-star rating; B late, held for credit (approved after 4 h), a
 * production problem, rated 2; C still in production, short of material, a change pending; D held and rejected (cancelled); G another
 * customer's, on time, no steps; E from October, still open and overdue.
 */
export async function seedReportFixture(db: DbOrTx) {
  const acme = await aCustomer(db);
  const bravo = await aCustomer(db, { code: 'BRAVO', name: 'Bravo Logistics' });
  const widget = await aProduct(db);
  const gear = await aProduct(db, { sku: 'GEAR-B', name: 'Gear B' });
  const [production, logistics] = await db
    .insert(departments)
    .values([
      { key: 'production', name: 'Production' },
      { key: 'logistics', name: 'Logistics' },
    ])
    .returning();
  if (!production || !logistics) throw new Error('no departments');

  const order = async (
    name: string,
    o: {
      created: string;
      due: string;
      cents: number;
      status: string;
      customerId?: number;
      productId?: number;
    },
  ) => {
    const createdAt = new Date(o.created);
    const [row] = await db
      .insert(orders)
      .values({
        number: `SO-2026-00000${name}`,
        customerId: o.customerId ?? acme.id,
        status: o.status,
        deliveryDate: o.due,
        paymentMethod: 'net30',
        ownerId: 'U0ADMIN',
        totalCents: o.cents,
        createdAt,
        updatedAt: createdAt,
      })
      .returning();
    if (!row) throw new Error('no order');
    await db.insert(orderLines).values({
      orderId: row.id,
      lineNo: 1,
      productId: o.productId ?? widget.id,
      quantity: 1,
      unitPriceCents: o.cents,
      amountCents: o.cents,
    });
    await event(row.id, 'received', o.created, { lineCount: 1, totalCents: o.cents });
    return row.id;
  };
  const event = (orderId: number, type: string, at: string, data: Record<string, unknown>) =>
    db.insert(orderEvents).values({ orderId, actor: 'U0ADMIN', type, at: new Date(at), data });
  const delivered = (orderId: number, at: string) =>
    event(orderId, 'status_changed', at, { action: 'deliver', before: 'shipped', after: 'delivered' });
  const step = (orderId: number, n: number, departmentId: number, opened: string, done: string | null) =>
    db.insert(assignments).values({
      orderId,
      step: n,
      departmentId,
      status: done ? 'done' : 'started',
      dueOn: '2026-12-31',
      openedAt: new Date(opened),
      doneAt: done ? new Date(done) : null,
    });
  const hold = (orderId: number, at: string) =>
    event(orderId, 'credit_checked', at, { verdict: 'hold', exposureCents: 0, limitCents: 0, orderCents: 0 });
  const rating = (orderId: number, stars: number) =>
    db
      .insert(orderFeedback)
      .values({ orderId, rating: stars, loggedBy: 'U0ADMIN', loggedAt: new Date('2026-11-25') });

  const a = await order('1', {
    created: '2026-11-02T08:00:00Z',
    due: '2026-11-10',
    cents: 10_000,
    status: 'completed',
  });
  await step(a, 1, production.id, '2026-11-02T08:00:00Z', '2026-11-04T08:00:00Z');
  await step(a, 2, logistics.id, '2026-11-04T08:00:00Z', '2026-11-05T08:00:00Z');
  await delivered(a, '2026-11-09T10:00:00Z');
  await rating(a, 5);

  const b = await order('2', {
    created: '2026-11-03T09:00:00Z',
    due: '2026-11-05',
    cents: 20_000,
    status: 'delivered',
    productId: gear.id,
  });
  await hold(b, '2026-11-03T09:00:00Z');
  await event(b, 'credit_decided', '2026-11-03T13:00:00Z', { decision: 'approved' });
  await step(b, 1, production.id, '2026-11-03T09:00:00Z', '2026-11-04T21:00:00Z');
  await event(b, 'problem_reported', '2026-11-04T10:00:00Z', {
    department: 'production',
    departmentName: 'Production',
    note: 'jammed',
  });
  await step(b, 2, logistics.id, '2026-11-04T21:00:00Z', '2026-11-05T09:00:00Z');
  await delivered(b, '2026-11-06T09:00:00Z');
  await rating(b, 2);

  const c = await order('3', {
    created: '2026-11-10T12:00:00Z',
    due: '2026-12-20',
    cents: 5_000,
    status: 'in_production',
  });
  await step(c, 1, production.id, '2026-11-10T12:00:00Z', null);
  const raisedAt = new Date('2026-11-12T08:00:00Z');
  await db.insert(exceptions).values({
    orderId: c,
    raiseKey: 'fixture:c',
    type: 'material_shortage',
    severity: 'medium',
    description: 'steel late',
    departmentId: production.id,
    raisedBy: 'U0ADMIN',
    raisedAt,
    slaDueAt: raisedAt,
    allManagersAt: raisedAt,
  });
  const change = {
    orderId: c,
    kind: 'change',
    requestedBy: 'U0ADMIN',
    baseVersion: 1,
    createdAt: raisedAt,
  } as const;
  await db.insert(orderChanges).values([
    { ...change, state: 'pending', reason: 'a later date' },
    { ...change, state: 'draft', reason: 'only looked at' },
  ]);

  const d = await order('4', {
    created: '2026-11-16T10:00:00Z',
    due: '2026-11-20',
    cents: 7_000,
    status: 'cancelled',
  });
  await hold(d, '2026-11-16T10:00:00Z');
  await event(d, 'credit_decided', '2026-11-16T12:00:00Z', { decision: 'rejected' });

  const g = await order('7', {
    created: '2026-11-17T10:00:00Z',
    due: '2026-11-30',
    cents: 3_000,
    status: 'delivered',
    customerId: bravo.id,
  });
  await delivered(g, '2026-11-20T10:00:00Z');

  await order('5', { created: '2026-10-20T10:00:00Z', due: '2026-11-01', cents: 10_000, status: 'received' });

  return { acme, bravo, widget, gear, production, logistics };
}

/** When the fixture's report is asked for. */
export const fixtureNow = new Date('2026-11-30T12:00:00Z');
