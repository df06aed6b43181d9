import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, departments, orders, people as peopleTable } from '../../src/db/schema.ts';
import type { FakeMessage } from '../../src/sandbox/fake-slack/index.ts';
import {
  buttonsOn,
  cardIn as cardOf,
  placeOrder as placeOrderThroughModal,
  press as pressOnCard,
} from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually, openModal, seedIntakeWorld } from '../support/intake-world.ts';

const production = { channel: 'C0PROD', members: ['U0PA', 'U0PB', 'U0PC'] } as const;
const logistics = { channel: 'C0LOGI', member: 'U0LOG' } as const;

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  const db = flow.database.db;
  flow.slack.addChannel({ id: production.channel, name: 'production', is_member: true });
  flow.slack.addChannel({ id: logistics.channel, name: 'logistics', is_member: true });
  const [prod] = await db
    .insert(departments)
    .values({ key: 'production', name: 'Production', channelId: production.channel, dailyCapacity: 10 })
    .returning();
  const [logi] = await db
    .insert(departments)
    .values({ key: 'logistics', name: 'Logistics', channelId: logistics.channel, dailyCapacity: 10 })
    .returning();
  for (const id of production.members) {
    flow.slack.addUser({ id, name: id.toLowerCase() });
    await db
      .insert(peopleTable)
      .values({ slackUserId: id, roles: ['member'], departmentId: prod?.id, updatedAt: new Date() });
  }
  flow.slack.addUser({ id: logistics.member, name: 'lou' });
  await db.insert(peopleTable).values({
    slackUserId: logistics.member,
    roles: ['member'],
    departmentId: logi?.id,
    updatedAt: new Date(),
  });
});
afterAll(() => flow.stop());

const placeOrder = () => placeOrderThroughModal(flow);
const cardIn = (channel: string, number: string) => cardOf(flow, channel, number);
const buttonsOf = (m: FakeMessage | undefined) => buttonsOn(m).map((id) => `"action_id":"${id}"`);
const statusOf = async (number: string) =>
  (await flow.database.db.select().from(orders).where(eq(orders.number, number)))[0]?.status;
const press = (user: string, channel: string, number: string, actionId: string) =>
  pressOnCard(flow, user, channel, number, actionId);

describe('the department workflow', () => {
  let number = '';
  it('a confirmed order is allocated: its card appears in #production, for the first member by round-robin, with Accept', async () => {
    number = await placeOrder();
    expect(await statusOf(number)).toBe('allocated');
    const card = cardIn(production.channel, number);
    expect(buttonsOf(card)[0]).toBe('"action_id":"step.accept"');
    expect(JSON.stringify(card?.blocks)).toContain(`<@${production.members[0]}>`);
  });

  it('someone from another department cannot press it, and is told so privately', async () => {
    await flow.driver.clickButton(logistics.member, {
      message: { channel: production.channel, ts: cardIn(production.channel, number)?.ts ?? '' },
      action_id: 'step.accept',
    });
    const refusal = await eventually(
      () => flow.slack.workspace.ephemerals({ user: logistics.member }).at(-1),
      'a refusal',
    );
    expect(refusal.text).toBe(
      ':no_entry: Only members of Production, its manager or an admin can work on its orders.',
    );
  });

  it('Accept, Start, Done: the card updates in place everywhere, and the order moves to logistics, ready to ship', async () => {
    const card = cardIn(production.channel, number);
    await press(production.members[1], production.channel, number, 'step.accept');
    expect(buttonsOf(cardIn(production.channel, number))[0]).toBe('"action_id":"step.start"');
    expect(cardIn(production.channel, number)?.ts).toBe(card?.ts);

    await press(production.members[1], production.channel, number, 'step.start');
    expect(await statusOf(number)).toBe('in_production');
    await press(production.members[1], production.channel, number, 'step.done');
    expect(await statusOf(number)).toBe('ready');
    expect(buttonsOf(cardIn(production.channel, number))).toEqual([]);
    expect(buttonsOf(cardIn(logistics.channel, number))[0]).toBe('"action_id":"step.accept"');

    const dm = flow.slack.workspace.openIm(people.admin).channel.id;
    const dmCard = cardIn(dm, number);
    expect(dmCard?.text).toContain('ready to ship');
    const thread = flow.slack.workspace.replies(dm, dmCard?.ts ?? '').map((m) => m.text);
    expect(thread).toContain(`<@${production.members[1]}> took it for Production`);
  });

  it('Shipped… opens no form for production, and the reason is said; logistics ships it with carrier and tracking, then marks it delivered', async () => {
    await press(logistics.member, logistics.channel, number, 'step.accept');
    await press(logistics.member, logistics.channel, number, 'step.start');
    const outsider = production.members[0];
    await flow.driver.clickButton(outsider, {
      message: { channel: logistics.channel, ts: cardIn(logistics.channel, number)?.ts ?? '' },
      action_id: 'step.ship',
    });
    const refusal = await eventually(
      () => flow.slack.workspace.ephemerals({ user: outsider }).at(-1),
      'a refusal of Shipped…',
    );
    expect(refusal.text).toBe(
      ':no_entry: Only members of Logistics, its manager or an admin can work on its orders.',
    );
    expect(flow.slack.views.top(outsider)).toBeUndefined();

    await flow.driver.clickButton(logistics.member, {
      message: { channel: logistics.channel, ts: cardIn(logistics.channel, number)?.ts ?? '' },
      action_id: 'step.ship',
    });
    const modal = await openModal(flow, logistics.member);
    const missing = await flow.driver.submitView(logistics.member, modal, { carrier: { carrier: 'DHL' } });
    expect(missing.body).toMatchObject({
      response_action: 'errors',
      errors: { tracking: 'Say the tracking number.' },
    });
    const past = await flow.driver.submitView(logistics.member, modal, {
      carrier: { carrier: 'DHL' },
      tracking: { tracking: 'JD0140' },
      expected: { expected: '2026-11-20' },
    });
    expect(past.body).toMatchObject({
      response_action: 'errors',
      errors: { expected: '2026-11-20 is in the past; today is 2026-11-27.' },
    });
    expect(await statusOf(number)).not.toBe('shipped');
    const shipped = await flow.driver.submitView(logistics.member, modal, {
      carrier: { carrier: 'DHL' },
      tracking: { tracking: 'JD0140' },
      expected: { expected: '2026-12-19' },
    });
    expect(shipped.body).toBe('');
    expect(await statusOf(number)).toBe('shipped');
    await flow.drainOutbox();
    expect(buttonsOf(cardIn(logistics.channel, number))).toEqual(['"action_id":"step.delivered"']);
    // Every card of the order shows the carrier and tracking number, linked to DHL's tracking page.
    for (const channel of [logistics.channel, production.channel]) {
      expect(JSON.stringify(cardIn(channel, number)?.blocks)).toContain(
        'DHL · tracking <https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD0140|JD0140> · expected 2026-12-19',
      );
    }
    await press(logistics.member, logistics.channel, number, 'step.delivered');
    expect(await statusOf(number)).toBe('delivered');
  });

  it('round-robin goes on around the three production members from whoever had the last order', async () => {
    const picked: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const n = await placeOrder();
      const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, n));
      const [step] = await flow.database.db
        .select()
        .from(assignments)
        .where(and(eq(assignments.orderId, order?.id ?? 0), eq(assignments.step, 0)));
      picked.push(step?.assigneeId ?? null);
    }
    // The first order ended with the second member (who accepted it), so the rotation goes on from there.
    expect(picked).toEqual([production.members[2], production.members[0], production.members[1]]);
  });

  it('two people pressing Accept at the same moment: one wins, the other is told who took it', async () => {
    const n = await placeOrder();
    const card = cardIn(production.channel, n);
    const click = (user: string) =>
      flow.driver.clickButton(user, {
        message: { channel: production.channel, ts: card?.ts ?? '' },
        action_id: 'step.accept',
      });
    await Promise.all([click(production.members[0]), click(production.members[2])]);
    const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, n));
    const step = await eventually(async () => {
      const [s] = await flow.database.db
        .select()
        .from(assignments)
        .where(and(eq(assignments.orderId, order?.id ?? 0), eq(assignments.step, 0)));
      return s?.status === 'accepted' ? s : null;
    }, 'the step to be accepted');
    const loser = step.assigneeId === production.members[0] ? production.members[2] : production.members[0];
    const told = await eventually(
      () => flow.slack.workspace.ephemerals({ user: loser }).find((e) => e.text.includes('already took it')),
      'the loser to be told',
    );
    expect(told.text).toBe(`:warning: <@${step.assigneeId}> already took it.`);
  });
});

describe('where is my order', () => {
  it('/order status shows the route with each step, who has it, and the shipping details', async () => {
    const res = await flow.driver.command(people.dana, 'status SO-2026-000001');
    const shown = JSON.stringify(res.body);
    expect(shown).toContain('*Production* — done');
    expect(shown).toContain('*Logistics* — done');
    expect(shown).toContain('DHL · tracking `JD0140` · expected 2026-12-19');
    expect(JSON.stringify((await flow.driver.command(people.dana, 'status SO-2026-999999')).body)).toContain(
      'There is no order SO-2026-999999.',
    );
    expect(JSON.stringify((await flow.driver.command(people.dana, 'status 1')).body)).toContain(
      '*Production* — done',
    );
  });

  it('/order queue lists a department’s open work by delivery date; a member’s own department by default', async () => {
    const mine = JSON.stringify((await flow.driver.command(production.members[0], 'queue')).body);
    expect(mine).toContain('Open work in production');
    expect(mine).toContain('SO-2026-000002');
    expect(mine).not.toContain('SO-2026-000001');
    const unknown = JSON.stringify((await flow.driver.command(people.admin, 'queue bakery')).body);
    expect(unknown).toContain('There is no department \\"bakery\\".');
  });
});

describe('the App Home', () => {
  const homeOf = async (user: string) => {
    const before = flow.slack.views.home(user)?.hash;
    await flow.driver.appHomeOpened(user);
    const home = await eventually(() => {
      const view = flow.slack.views.home(user);
      return view && view.hash !== before ? view : null;
    }, `the Home of ${user}`);
    return JSON.stringify(home.blocks);
  };

  it('a production member sees their assignments and their department’s unassigned queue', async () => {
    const home = await homeOf(production.members[0]);
    expect(home).toContain('My assignments');
    expect(home).toContain('Unassigned in production');
    expect(home).not.toContain('home.new_order');
  });

  it('an admin gets the New order button, which opens the order form', async () => {
    const home = await homeOf(people.admin);
    expect(home).toContain('home.new_order');
    expect(home).toContain('My orders that need me');
    const view = flow.slack.views.home(people.admin);
    const before = flow.slack.views.top(people.admin);
    await flow.driver.clickButton(people.admin, { view: view?.id ?? '', action_id: 'home.new_order' });
    const modal = await openModal(flow, people.admin, before);
    expect(modal.callback_id).toBe('order_new');
  });
});
