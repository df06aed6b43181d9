import { desc } from 'drizzle-orm';
import { departments, orders, people as peopleTable } from '../../src/db/schema.ts';
import { reviewDraft } from '../../src/intake/review/review-draft.ts';
import type { Submission } from '../../src/intake/submit-order.ts';
import type { FakeView } from '../../src/sandbox/fake-slack/index.ts';
import { aCustomer, aProduct } from './factories.ts';
import { type Flow, people } from './flow.ts';

export const finance = { channel: 'C0FINANCE', member: 'U0FRANK', outsider: 'U0PAUL' } as const;

/**
 * A small catalog and a finance department: ACME has room on its credit line, NEARLY is a
 * hair's breadth from its limit; WIDGET-A sells by the piece, BOLT-M8 in packs of 50 (at least
 * 100), GEAR-C is made to order in 20 days.
 */
export async function seedIntakeWorld(flow: Flow) {
  const db = flow.database.db;
  flow.slack.addChannel({ id: finance.channel, name: 'finance', is_member: true });
  flow.slack.addUser({ id: finance.member, name: 'frank' });
  flow.slack.addUser({ id: finance.outsider, name: 'paul' });
  const [dept] = await db
    .insert(departments)
    .values({ key: 'finance', name: 'Finance', channelId: finance.channel, dailyCapacity: 50 })
    .returning();
  await db.insert(peopleTable).values([
    {
      slackUserId: finance.member,
      name: 'Frank',
      roles: ['member'],
      departmentId: dept?.id,
      updatedAt: new Date(),
    },
    { slackUserId: finance.outsider, name: 'Paul', roles: ['member'], updatedAt: new Date() },
  ]);
  await aCustomer(db, {
    code: 'ACME',
    name: 'Acme Industrial',
    creditLimitCents: 5_000_000,
    paymentMethods: ['net30', 'prepaid'],
  });
  await aCustomer(db, {
    code: 'NEARLY',
    name: 'Nearly Maxed Ltd',
    creditLimitCents: 100_000,
    outstandingCents: 90_000,
    paymentMethods: ['net30'],
  });
  await aProduct(db, {
    sku: 'WIDGET-A',
    name: 'Widget A',
    listPriceCents: 1250,
    leadTimeDays: 5,
    defaultSpec: 'zinc plated',
  });
  await aProduct(db, {
    sku: 'BOLT-M8',
    name: 'Bolt M8',
    listPriceCents: 40,
    packSize: 50,
    minOrderQty: 100,
    leadTimeDays: 3,
  });
  await aProduct(db, {
    sku: 'GEAR-C',
    name: 'Custom gear',
    category: 'custom',
    listPriceCents: 90_000,
    leadTimeDays: 20,
  });
}

/** Waits for `get` to give something: the bot answers Slack first and calls Slack after. */
export async function eventually<T>(
  get: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  what: string,
  ms = 3000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (value) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The modal the bot opened or pushed for the person: a view other than `since` (their top view
 * before). Only a new id counts: an earlier save may still be redrawing `since` in place, and
 * taking that redraw for the new modal loses the race with the late views.open. Without `since`
 * any modal counts, so leave it out only for a person who has none open.
 */
export function openModal(
  flow: Pick<Flow, 'slack'>,
  user: string = people.admin,
  since?: FakeView,
): Promise<FakeView> {
  return eventually(() => {
    const view = flow.slack.views.top(user);
    return view && view.id !== since?.id ? view : null;
  }, `a new modal for ${user}`);
}

/** `view` redrawn in place (views.update, or response_action update): the same id, a new hash. */
export function updatedModal(flow: Pick<Flow, 'slack'>, user: string, view: FakeView): Promise<FakeView> {
  return eventually(() => {
    const top = flow.slack.views.top(user);
    return top?.id === view.id && top.hash !== view.hash ? top : null;
  }, `${view.id} redrawn for ${user}`);
}

/** What an admin types for a complete order of ACME: header fields plus the given lines. */
export function acmeOrder(lines: { product: string; quantity: string; price?: string; spec?: string }[]) {
  const values: Record<string, Record<string, unknown>> = {
    customer: { customer: 'ACME' },
    delivery_date: { delivery_date: '2026-12-20' },
    payment_method: { payment_method: 'net30' },
  };
  lines.forEach((line, i) => {
    const key = i.toString(36);
    values[`line.${key}.product`] = { product: line.product };
    values[`line.${key}.quantity`] = { quantity: line.quantity };
    if (line.price) values[`line.${key}.unit_price`] = { unit_price: line.price };
    if (line.spec) values[`line.${key}.spec`] = { spec: line.spec };
  });
  return values;
}

/** The admin enters an order for NEARLY, a hair from its credit limit: it waits in #finance on a credit hold. */
export async function placeCreditHeldOrder(flow: Flow) {
  const before = flow.slack.views.top(people.admin);
  await flow.driver.command(people.admin, 'new');
  const view = await openModal(flow, people.admin, before);
  await flow.driver.submitView(people.admin, view, {
    ...acmeOrder([{ product: 'WIDGET-A', quantity: '20' }]),
    customer: { customer: 'NEARLY' },
  });
  await flow.drainOutbox();
  const [order] = await flow.database.db.select().from(orders).orderBy(desc(orders.id)).limit(1);
  if (!order) throw new Error('no order entered');
  return order;
}

/** Two WIDGET-A for ACME, reviewed as the order modal's Submit reviews them; `intakeKey` names the form. */
export async function acmeSubmission(flow: Flow, intakeKey: string): Promise<Submission> {
  const outcome = await reviewDraft(flow.desk.ctx, flow.database.db, {
    customerCode: 'ACME',
    customerPo: null,
    deliveryDate: '2027-01-10',
    paymentMethod: 'net30',
    notes: null,
    lines: [{ sku: 'WIDGET-A', spec: null, quantity: '2', unitPrice: '12.50' }],
  });
  if (!outcome.ok)
    throw new Error(`the ACME order did not pass its review: ${JSON.stringify(outcome.findings)}`);
  return { order: outcome.order, catalog: outcome.catalog, warnings: outcome.warnings, intakeKey };
}
