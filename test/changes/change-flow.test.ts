import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignments,
  customerMessages,
  customers,
  departments,
  orders,
  scheduledJobs,
} from '../../src/db/schema.ts';
import { departmentLoad } from '../../src/routing/capacity-store.ts';
import { aDepartment, cardIn, placeOrder, press, shipOrder, toldAfter } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually, finance, openModal, seedIntakeWorld } from '../support/intake-world.ts';

/** The messages for the customer offered to the order's owner. */
const draftsFor = (orderId: number) =>
  flow.database.db.select().from(customerMessages).where(eq(customerMessages.orderId, orderId));

// ACME may owe 50,000.00; WIDGET-A sells at 12.50, so 4,001 of them pass the credit limit.
const production = { channelId: 'C0PROD', ann: 'U0ANN' } as const;
const logistics = { channelId: 'C0LOGI', lou: 'U0LOU' } as const;

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  await aDepartment(
    flow,
    {
      key: 'production',
      name: 'Production',
      channelId: production.channelId,
      dailyCapacity: 1000,
      capacityUnit: 'units',
    },
    [production.ann],
  );
  await aDepartment(flow, { key: 'logistics', name: 'Logistics', channelId: logistics.channelId }, [
    logistics.lou,
  ]);
});
afterAll(() => flow.stop());

const dm = (user: string) => flow.slack.workspace.openIm(user).channel.id;
const textOf = (m: { blocks?: unknown } | undefined) => JSON.stringify(m?.blocks ?? []);
const changeCard = (channel: string, number: string) =>
  flow.slack.messages(channel).find((m) => m.text.includes(`request · ${number}`) && !m.thread_ts);
const threadOf = (channel: string, number: string) =>
  flow.slack.workspace.replies(channel, cardIn(flow, channel, number)?.ts ?? '').map((m) => m.text);
const orderNamed = async (number: string) => {
  const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
  if (!order) throw new Error(`no order ${number}`);
  return order;
};

/**
 * The admin places an order, pressing Submit again when told "Not saved" (a busy machine can
 * pass the submission's deadline, which is not what these tests are about).
 */
async function anOrder(quantity: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await placeOrder(flow, [{ product: 'WIDGET-A', quantity }]);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** An order production has started on. */
async function inProduction(quantity = '100'): Promise<string> {
  const number = await anOrder(quantity);
  await press(flow, production.ann, production.channelId, number, 'step.accept');
  await press(flow, production.ann, production.channelId, number, 'step.start');
  expect((await orderNamed(number)).status).toBe('in_production');
  return number;
}

/** The admin opens the change form with `/order change` and sends it to the preview. */
async function preview(number: string, values: Record<string, Record<string, unknown>>) {
  const before = flow.slack.views.top(people.admin);
  await flow.driver.command(people.admin, `change ${number}`);
  const form = await openModal(flow, people.admin, before);
  return { form, res: await flow.driver.submitView(people.admin, form, values) };
}

async function pressOnChangeCard(user: string, channel: string, number: string, actionId: string) {
  const card = changeCard(channel, number);
  if (!card) throw new Error(`no change card for ${number} in ${channel}`);
  return flow.driver.clickButton(user, { message: { channel, ts: card.ts }, action_id: actionId });
}

describe('a quantity change during production', () => {
  let number = '';

  it('the admin sees the impact before sending: value, credit broken, production and finance to approve', async () => {
    number = await inProduction();
    const { form, res } = await preview(number, {
      'line.0.quantity': { quantity: '4001' },
      reason: { reason: 'the customer doubles the run' },
    });
    expect(JSON.stringify(form.blocks)).toContain('"initial_value":"100"');
    expect(res.body).toMatchObject({ response_action: 'update' });
    const shown = JSON.stringify(flow.slack.views.top(people.admin)?.blocks);
    expect(shown).toContain('line 1 (WIDGET-A) quantity: 100 → *4001*');
    expect(shown).toContain('*Value* 1,250.00 → 50,012.50 (+48,762.50)');
    expect(shown).toContain('exceeds the credit limit 50,000.00 by 12.50');
    expect(shown).toContain('*Goes to* Production, Finance for approval');
  });

  it('sent: production and finance get a change card; the order’s cards say a change is pending', async () => {
    const res = await flow.driver.submitView(people.admin, flow.slack.views.top(people.admin) ?? '', {});
    expect(res.body).toBe('');
    await flow.drainOutbox();
    for (const channel of [production.channelId, finance.channel])
      expect(JSON.stringify(changeCard(channel, number)?.blocks)).toContain('change.approve');
    expect(textOf(cardIn(flow, dm(people.admin), number))).toContain('Change pending');
  });

  it('a second request for the same order is refused, pointing at the first', async () => {
    const res = await flow.driver.command(people.admin, `cancel ${number} customer gone`);
    expect(JSON.stringify(res.body)).toContain('already has a change waiting for approval');
  });

  it('finance cannot approve for production; production approving twice counts once', async () => {
    const wrong = await toldAfter(flow, finance.member, () =>
      pressOnChangeCard(finance.member, production.channelId, number, 'change.approve'),
    );
    expect(wrong).toContain(
      'Only members of Production, its manager or an admin can decide change requests.',
    );
    await pressOnChangeCard(production.ann, production.channelId, number, 'change.approve');
    const again = await toldAfter(flow, production.ann, () =>
      pressOnChangeCard(production.ann, production.channelId, number, 'change.approve'),
    );
    expect(again).toContain('approved it for Production already');
    await flow.drainOutbox();
    expect(textOf(changeCard(finance.channel, number))).toContain(':white_check_mark: Production');
  });

  it('finance approves: revision 2, the new content and the diff on every card, the requester told', async () => {
    const before = await orderNamed(number);
    await pressOnChangeCard(finance.member, finance.channel, number, 'change.approve');
    await eventually(async () => (await orderNamed(number)).totalCents === 5_001_250, 'the change applied');
    await flow.drainOutbox();
    const after = await orderNamed(number);
    expect(after.version).toBeGreaterThan(before.version);
    for (const channel of [production.channelId, dm(people.admin)]) {
      expect(textOf(cardIn(flow, channel, number))).toContain('4001 pcs');
      expect(textOf(cardIn(flow, channel, number))).toContain('Revision 2');
      expect(threadOf(channel, number).at(-1)).toContain('• line 1 (WIDGET-A) quantity: 100 → 4001');
    }
    expect(textOf(changeCard(production.channelId, number))).toContain('Applied as revision 2.');
    expect(flow.slack.messages(dm(people.admin)).map((m) => m.text)).toContainEqual(
      expect.stringContaining(`Your change to ${number} is applied: revision 2.`),
    );
    const [step] = await flow.database.db.select().from(assignments).where(eq(assignments.orderId, after.id));
    expect(step?.units).toBe(4001);
    const [draft] = await draftsFor(after.id);
    expect(draft).toMatchObject({ reason: 'change_applied', offeredTo: people.admin });
    expect(draft?.text).toContain('line 1 (WIDGET-A) quantity 100 → 4001');
  });

  it('/order history shows revision 2 and its diff', async () => {
    const res = await flow.driver.command(people.admin, `history ${number}`);
    const text = JSON.stringify(res.body);
    expect(text).toContain('*Revision 1*');
    expect(text).toContain('*Revision 2*');
    expect(text).toContain('line 1 (WIDGET-A) quantity: 100 → 4001');
  });
});

describe('a change production rejects', () => {
  // The approved change used ACME's whole credit line; finance raises it for the next orders.
  beforeAll(async () => {
    await flow.database.db
      .update(customers)
      .set({ creditLimitCents: 50_000_000 })
      .where(eq(customers.code, 'ACME'));
  });

  it('ends the request with the reason; the requester is told and the cards no longer say pending', async () => {
    const number = await inProduction();
    await preview(number, { 'line.0.quantity': { quantity: '150' }, reason: { reason: 'more please' } });
    await flow.driver.submitView(people.admin, flow.slack.views.top(people.admin) ?? '', {});
    await flow.drainOutbox();
    const before = flow.slack.views.top(production.ann);
    await pressOnChangeCard(production.ann, production.channelId, number, 'change.reject');
    const modal = await openModal(flow, production.ann, before);
    const res = await flow.driver.submitView(production.ann, modal, {
      reason: { reason: 'the line is full' },
    });
    expect(res.body).toBe('');
    await flow.drainOutbox();
    expect(flow.slack.messages(dm(people.admin)).map((m) => m.text)).toContainEqual(
      expect.stringContaining(`rejected the change of ${number} for Production: the line is full`),
    );
    expect(textOf(cardIn(flow, production.channelId, number))).not.toContain('Change pending');
    expect(textOf(changeCard(production.channelId, number))).toContain('Rejected');
    expect((await orderNamed(number)).totalCents).toBe(125_000);
  });
});

describe('a change against an order that moved on since the preview', () => {
  it('shows the order as it is now and asks again; sent the second time', async () => {
    const number = await anOrder('10');
    await preview(number, { 'line.0.quantity': { quantity: '20' }, reason: { reason: 'ten more' } });
    await press(flow, production.ann, production.channelId, number, 'step.accept');
    const res = await flow.driver.submitView(people.admin, flow.slack.views.top(people.admin) ?? '', {});
    expect(JSON.stringify(res.body)).toContain('changed since your preview');
    const again = await flow.driver.submitView(people.admin, flow.slack.views.top(people.admin) ?? '', {});
    expect(again.body).toBe('');
    await flow.drainOutbox();
    expect(changeCard(production.channelId, number)).toBeDefined();
  });
});

describe('after shipping', () => {
  it('quantities can no longer change, and the order can no longer be cancelled: each says why', async () => {
    const number = await inProduction('10');
    await press(flow, production.ann, production.channelId, number, 'step.done');
    await shipOrder(flow, { member: logistics.lou, channelId: logistics.channelId }, number, '2026-12-19');
    expect((await orderNamed(number)).status).toBe('shipped');
    const { res } = await preview(number, {
      'line.0.quantity': { quantity: '12' },
      reason: { reason: 'two more' },
    });
    expect(JSON.stringify(res.body)).toContain('its goods have left, so quantities');
    const cancel = await flow.driver.command(people.admin, `cancel ${number} customer withdrew`);
    expect(JSON.stringify(cancel.body)).toContain(`${number} is shipped, so it can't be cancelled`);
  });
});

describe('cancelling an order in production', () => {
  it('production approves: the order is cancelled with its reason, capacity released, reminders stopped', async () => {
    const number = await inProduction('300');
    const order = await orderNamed(number);
    await flow.driver.command(people.admin, `remind ${number} in 2h call the customer`);
    const [prod] = await flow.database.db.select().from(departments).where(eq(departments.key, 'production'));
    const loadBefore = await departmentLoad(flow.database.db, prod?.id ?? 0, 'units');
    const before = flow.slack.views.top(people.admin);
    await flow.driver.clickButton(people.admin, {
      message: { channel: dm(people.admin), ts: cardIn(flow, dm(people.admin), number)?.ts ?? '' },
      action_id: 'order.cancel',
    });
    const modal = await openModal(flow, people.admin, before);
    expect(
      (await flow.driver.submitView(people.admin, modal, { reason: { reason: 'the customer withdrew' } }))
        .body,
    ).toBe('');
    await flow.drainOutbox();
    expect((await orderNamed(number)).status).toBe('in_production');
    expect(textOf(cardIn(flow, production.channelId, number))).toContain('Cancellation pending');
    await pressOnChangeCard(production.ann, production.channelId, number, 'change.approve');
    await eventually(async () => (await orderNamed(number)).status === 'cancelled', 'the order cancelled');
    await flow.drainOutbox();
    for (const channel of [production.channelId, dm(people.admin)])
      expect(textOf(cardIn(flow, channel, number))).toContain('*Cancelled* — the customer withdrew');
    const steps = await flow.database.db.select().from(assignments).where(eq(assignments.orderId, order.id));
    expect(steps.map((s) => s.status)).not.toContain('started');
    const loadAfter = await departmentLoad(flow.database.db, prod?.id ?? 0, 'units');
    const units = (load: { amount: number }[]) => load.reduce((sum, l) => sum + l.amount, 0);
    expect(units(loadBefore) - units(loadAfter)).toBe(300);
    const jobs = await flow.database.db
      .select()
      .from(scheduledJobs)
      .where(and(eq(scheduledJobs.kind, 'reminder.dm'), eq(scheduledJobs.status, 'scheduled')));
    expect(jobs.filter((j) => JSON.stringify(j.payload).includes(number))).toEqual([]);
    const [draft] = await draftsFor(order.id);
    expect(draft).toMatchObject({ reason: 'cancelled', offeredTo: people.admin });
    expect(draft?.text).toContain('the customer withdrew');
  });
});
