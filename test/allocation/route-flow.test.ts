import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationRules, assignments, orderEvents, orders } from '../../src/db/schema.ts';
import { changeOrderStatus } from '../../src/orders/change-order-status.ts';
import { aDepartment, buttonsOn, cardIn, placeOrder, press } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually, finance, openModal, seedIntakeWorld } from '../support/intake-world.ts';

const production = { channelId: 'C0PROD', members: ['U0PA', 'U0PB', 'U0PC'] } as const;
const qa = { channelId: 'C0QA', member: 'U0QUINN' } as const;
const logistics = { channelId: 'C0LOGI', member: 'U0LOU' } as const;

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  await aDepartment(
    flow,
    { key: 'production', name: 'Production', channelId: production.channelId },
    production.members,
  );
  await aDepartment(flow, { key: 'qa', name: 'QA', channelId: qa.channelId }, [qa.member]);
  await aDepartment(flow, { key: 'logistics', name: 'Logistics', channelId: logistics.channelId }, [
    logistics.member,
  ]);
  const step = (department: string) => ({ department, pick: 'round_robin' });
  await flow.database.db.insert(allocationRules).values([
    {
      position: 1,
      name: 'prepaid custom work',
      conditions: { categories: ['custom'], paymentMethods: ['prepaid'] },
      route: [step('finance'), step('production'), step('qa'), step('logistics')],
      updatedAt: new Date(),
    },
    {
      position: 2,
      name: 'stock items',
      conditions: {},
      route: [step('production'), step('logistics')],
      updatedAt: new Date(),
    },
  ]);
});
afterAll(() => flow.stop());

const statusOf = async (number: string) =>
  (await flow.database.db.select().from(orders).where(eq(orders.number, number)))[0]?.status;
const adminDm = () => flow.slack.workspace.openIm(people.admin).channel.id;

/** Accept, Start and Done on the department's card, checking the card stays the same message. */
async function workThrough(user: string, channel: string, number: string) {
  const posted = cardIn(flow, channel, number)?.ts;
  for (const action of ['step.accept', 'step.start', 'step.done']) {
    await press(flow, user, channel, number, action);
    expect(cardIn(flow, channel, number)?.ts).toBe(posted);
  }
  expect(buttonsOn(cardIn(flow, channel, number))).toEqual([]);
}

describe('a prepaid order of custom work follows its rule: finance → production → QA → logistics', () => {
  let number = '';

  it('it is allocated and its card appears in #finance for finance’s member, with Accept', async () => {
    number = await placeOrder(flow, [{ product: 'GEAR-C', quantity: '1' }], 'prepaid');
    expect(await statusOf(number)).toBe('allocated');
    const card = cardIn(flow, finance.channel, number);
    expect(buttonsOn(card)[0]).toBe('step.accept');
    expect(JSON.stringify(card?.blocks)).toContain(`<@${finance.member}>`);
    expect(cardIn(flow, production.channelId, number)).toBeUndefined();
  });

  it('finance’s Done hands it to production; the order is not in production until production starts', async () => {
    await workThrough(finance.member, finance.channel, number);
    expect(await statusOf(number)).toBe('allocated');
    expect(buttonsOn(cardIn(flow, production.channelId, number))[0]).toBe('step.accept');
  });

  it('production’s Start puts it in production; its Done hands it to QA, and it is not ready to ship while QA inspects', async () => {
    const [member] = production.members;
    await press(flow, member, production.channelId, number, 'step.accept');
    await press(flow, member, production.channelId, number, 'step.start');
    expect(await statusOf(number)).toBe('in_production');
    await press(flow, member, production.channelId, number, 'step.done');
    expect(await statusOf(number)).toBe('in_production');
    expect(JSON.stringify(cardIn(flow, production.channelId, number)?.blocks)).not.toContain('ready to ship');
    expect(buttonsOn(cardIn(flow, qa.channelId, number))[0]).toBe('step.accept');
  });

  it('QA passes it: only now is it ready to ship; logistics ship it and mark it delivered; every card showed each move in place', async () => {
    await workThrough(qa.member, qa.channelId, number);
    expect(await statusOf(number)).toBe('ready');
    await press(flow, logistics.member, logistics.channelId, number, 'step.accept');
    await press(flow, logistics.member, logistics.channelId, number, 'step.start');
    await flow.driver.clickButton(logistics.member, {
      message: { channel: logistics.channelId, ts: cardIn(flow, logistics.channelId, number)?.ts ?? '' },
      action_id: 'step.ship',
    });
    const modal = await openModal(flow, logistics.member);
    const shipped = await flow.driver.submitView(logistics.member, modal, {
      carrier: { carrier: 'DHL' },
      tracking: { tracking: 'JD0141' },
      expected: { expected: '2026-12-18' },
    });
    expect(shipped.body).toBe('');
    expect(await statusOf(number)).toBe('shipped');
    await flow.drainOutbox();
    await press(flow, logistics.member, logistics.channelId, number, 'step.delivered');
    expect(await statusOf(number)).toBe('delivered');

    const dmCard = cardIn(flow, adminDm(), number);
    const thread = flow.slack.workspace.replies(adminDm(), dmCard?.ts ?? '').map((m) => m.text);
    expect(thread).toEqual(
      expect.arrayContaining([
        `<@${finance.member}> took it for Finance`,
        `<@${production.members[0]}> started Production's part`,
        `<@${qa.member}> finished QA's part → Logistics`,
      ]),
    );
    for (const channel of [finance.channel, production.channelId, qa.channelId, adminDm()]) {
      expect(JSON.stringify(cardIn(flow, channel, number)?.blocks)).toContain(':white_check_mark: QA');
    }
  });
});

describe('stock items go production → logistics, and production’s members take turns', () => {
  it('four orders in a row go to the three production members 1-2-3-1', async () => {
    const db = flow.database.db;
    const picked: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const number = await placeOrder(flow);
      const [order] = await db.select().from(orders).where(eq(orders.number, number));
      const [step] = await db
        .select()
        .from(assignments)
        .where(and(eq(assignments.orderId, order?.id ?? 0), eq(assignments.step, 0)));
      picked.push(step?.assigneeId ?? null);
    }
    // The custom order's production step went to the first member; the rotation goes on from there.
    const [first, second, third] = production.members;
    expect(picked).toEqual([second, third, first, second]);
  });
});

describe('an order cancelled while a department has its card', () => {
  it('a press on the card before it is redrawn is refused; then it has no buttons and its steps leave the queue', async () => {
    const number = await placeOrder(flow);
    const card = cardIn(flow, production.channelId, number);
    const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
    if (!order) throw new Error('no order');
    await changeOrderStatus(flow.desk.ctx, {
      orderId: order.id,
      expectedVersion: order.version,
      action: 'cancel',
      actor: people.admin,
      reason: 'customer withdrew',
    });
    const steps = await flow.database.db.select().from(assignments).where(eq(assignments.orderId, order.id));
    expect(steps.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);

    // The card in Slack still shows Accept until the outbox has sent the change.
    const member = steps[0]?.assigneeId ?? production.members[0];
    await flow.driver.clickButton(member, {
      message: { channel: production.channelId, ts: card?.ts ?? '' },
      action_id: 'step.accept',
    });
    const told = await eventually(
      () => flow.slack.workspace.ephemerals({ user: member }).find((e) => e.text.includes(number)),
      'the refusal',
    );
    expect(told.text).toContain(`${number} was cancelled.`);
    await flow.drainOutbox();
    expect(buttonsOn(cardIn(flow, production.channelId, number))).toEqual([]);
  });
});

describe('an order submitted and routed at once', () => {
  it('an admin’s order is confirmed and allocated in one write: its DM card gets one line, its history both moves', async () => {
    const number = await placeOrder(flow);
    const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
    expect(order).toMatchObject({ status: 'allocated', version: 2 });
    const moves = await flow.database.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, order?.id ?? 0), eq(orderEvents.type, 'status_changed')));
    expect(moves.map((e) => (e.data as { action: string }).action)).toEqual(['confirm', 'allocate']);
    const dmCard = cardIn(flow, adminDm(), number);
    const thread = flow.slack.workspace.replies(adminDm(), dmCard?.ts ?? '').slice(1);
    expect(thread.map((m) => m.text)).toEqual([`<@${people.admin}> → *allocated*`]);
  });
});
