import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/roles.ts';
import {
  allocationRules,
  assignments,
  departments,
  orders,
  people as peopleTable,
} from '../../src/db/schema.ts';
import { submitOrder } from '../../src/intake/submit-order.ts';
import { changeOrderStatus } from '../../src/orders/change-order-status.ts';
import type { FakeView } from '../../src/sandbox/fake-slack/index.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import {
  acmeOrder,
  acmeSubmission,
  eventually,
  openModal,
  seedIntakeWorld,
} from '../support/intake-world.ts';

const pia = 'U0PIA'; // the one member of production
const max = 'U0MAX'; // manages assembly, which has nobody to do its work
const lou = 'U0LOU'; // logistics; never opens the Home
const admin: Actor = { userId: people.admin, roles: ['admin'], departmentId: null, departmentKey: null };

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  const db = flow.database.db;
  const at = new Date('2026-11-01T00:00:00Z');
  for (const [id, name] of [
    [pia, 'pia'],
    [max, 'max'],
    [lou, 'lou'],
  ] as const)
    flow.slack.addUser({ id, name });
  flow.slack.addChannel({ id: 'C0PROD', name: 'production', is_member: true });
  flow.slack.addChannel({ id: 'C0LOGI', name: 'logistics', is_member: true });
  flow.slack.addChannel({ id: 'C0ASSY', name: 'assembly', is_member: true });
  const made = await db
    .insert(departments)
    .values([
      { key: 'production', name: 'Production', channelId: 'C0PROD' },
      { key: 'logistics', name: 'Logistics', channelId: 'C0LOGI' },
      // One unit a day: thirty custom gears cannot be ready by the delivery date.
      {
        key: 'assembly',
        name: 'Assembly',
        channelId: 'C0ASSY',
        dailyCapacity: 1,
        capacityUnit: 'units',
        managerId: max,
      },
    ])
    .returning();
  const dept = (key: string) => made.find((d) => d.key === key)?.id ?? null;
  await db.insert(peopleTable).values([
    { slackUserId: pia, roles: ['member'], departmentId: dept('production'), updatedAt: at },
    { slackUserId: lou, roles: ['member'], departmentId: dept('logistics'), updatedAt: at },
    { slackUserId: max, roles: ['manager'], updatedAt: at },
  ]);
  await db.insert(allocationRules).values({
    position: 1,
    name: 'custom work is assembled',
    conditions: { categories: ['custom'] },
    route: [{ department: 'assembly', pick: 'round_robin' }],
    updatedAt: at,
  });
});
afterAll(() => flow.stop());

/** The admin enters an order through the modal; the outbox is left for the test to drain. */
async function placeOrder(values: Record<string, Record<string, unknown>>): Promise<string> {
  const before = flow.slack.views.top(people.admin);
  await flow.driver.command(people.admin, 'new');
  const view = await openModal(flow, people.admin, before);
  const res = await flow.driver.submitView(people.admin, view, values);
  expect(res.body).toBe('');
  const [latest] = await flow.database.db.select().from(orders).orderBy(desc(orders.id)).limit(1);
  return latest?.number ?? '';
}
const widgets = (deliveryDate = '2026-12-20') => ({
  ...acmeOrder([{ product: 'WIDGET-A', quantity: '2' }]),
  delivery_date: { delivery_date: deliveryDate },
});

/** The person opens the App Home tab and waits for the bot to draw it. */
async function openHome(user: string): Promise<FakeView> {
  const before = flow.slack.views.home(user)?.hash;
  await flow.driver.appHomeOpened(user);
  return eventually(() => {
    const view = flow.slack.views.home(user);
    return view && view.hash !== before ? view : null;
  }, `the Home of ${user}`);
}

const publishesFor = (user: string) =>
  flow.slack.callsTo('views.publish').filter((c) => c.args.user_id === user).length;
/** The text of a list: the section lines after its title, up to the next list. */
const text = (view: FakeView | undefined) => JSON.stringify(view?.blocks ?? []);
function listIn(view: FakeView | undefined, title: string): string {
  const blocks = view?.blocks ?? [];
  const start = blocks.findIndex((b) => JSON.stringify(b).includes(`*${title}*`));
  if (start < 0) return '';
  const end = blocks.findIndex((b, i) => i > start && b.type === 'divider');
  return JSON.stringify(blocks.slice(start, end < 0 ? undefined : end));
}

describe('the App Home', () => {
  let first = '';
  let held = '';
  let custom = '';

  it('a production member who opened their Home sees an order allocated to them appear there, without opening it again', async () => {
    const empty = await openHome(pia);
    expect(listIn(empty, 'My assignments')).toContain('Nothing assigned to you.');
    const seen = publishesFor(pia);

    first = await placeOrder(widgets());
    await flow.drainOutbox();

    expect(publishesFor(pia)).toBe(seen + 1);
    const home = flow.slack.views.home(pia);
    expect(listIn(home, 'My assignments')).toContain(first);
    expect(listIn(home, 'My assignments')).toContain('Production · to accept');
    // The admin owns the order but has never opened the Home: nothing is drawn for them.
    expect(publishesFor(people.admin)).toBe(0);
  });

  it('each entry has a button to act: Pia accepts her new assignment from the Home, and opens it there to read its card', async () => {
    const home = flow.slack.views.home(pia);
    if (!home) throw new Error('no Home for Pia');
    const entry = home.blocks.find((b) => JSON.stringify(b).includes(`*${first}*`));
    expect(entry?.accessory).toMatchObject({ action_id: 'step.accept', text: { text: 'Accept' } });
    await flow.driver.clickButton(pia, {
      view: home,
      block_id: String(entry?.block_id),
      action_id: 'step.accept',
    });
    const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, first));
    await eventually(async () => {
      const [step] = await flow.database.db
        .select()
        .from(assignments)
        .where(and(eq(assignments.orderId, order?.id ?? 0), eq(assignments.assigneeId, pia)));
      return step?.status === 'accepted';
    }, 'the step accepted from the Home');
    await flow.drainOutbox();
    const after = flow.slack.views.home(pia);
    const accepted = after?.blocks.find((b) => JSON.stringify(b).includes(`*${first}*`));
    expect(accepted?.accessory).toMatchObject({ action_id: 'home.open', value: first });

    const before = flow.slack.views.top(pia);
    await flow.driver.clickButton(pia, {
      view: after?.id ?? '',
      block_id: String(accepted?.block_id),
      action_id: 'home.open',
    });
    const modal = await openModal(flow, pia, before);
    expect(modal.title?.text).toBe(first);
    expect(JSON.stringify(modal.blocks)).toContain('WIDGET-A');
    // Pia works in production: she sees what to make, not what it costs; nor a raw mention.
    expect(JSON.stringify(modal.blocks)).not.toContain('*Total*');
    expect(JSON.stringify(modal.blocks)).not.toContain('<@');
    await flow.driver.closeView(pia, modal);
  });

  it('an admin sees New order and the orders of theirs that need them: one held for credit, one at capacity risk', async () => {
    // NEARLY owes 900.00 of its 1,000.00 limit: twenty widgets (250.00) go to finance.
    held = await placeOrder({
      ...acmeOrder([{ product: 'WIDGET-A', quantity: '20' }]),
      customer: { customer: 'NEARLY' },
    });
    custom = await placeOrder(acmeOrder([{ product: 'GEAR-C', quantity: '30' }]));
    await flow.drainOutbox();

    const home = await openHome(people.admin);
    expect(text(home)).toContain('home.new_order');
    const needs = listIn(home, 'My orders that need me');
    expect(needs).toContain(`${held}*`);
    expect(needs).toContain('on hold');
    expect(needs).toContain(`${custom}*`);
    expect(needs).toContain('capacity: fits by 2026-12-26');
    expect(needs).not.toContain(`${first}*`);
  });

  it('an order whose route needs a department nobody has set up → its admin’s open Home shows it waiting, without opening it again', async () => {
    await flow.database.db.insert(allocationRules).values({
      position: 0,
      name: 'next year’s orders are painted',
      conditions: { minDaysUntilDelivery: 300 },
      route: [{ department: 'paint', pick: 'round_robin' }],
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    });
    const seen = publishesFor(people.admin);
    const waiting = await placeOrder(widgets('2027-11-02'));
    await flow.drainOutbox();

    const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, waiting));
    expect(order?.status).toBe('confirmed');
    expect(publishesFor(people.admin)).toBe(seen + 1);
    const needs = listIn(flow.slack.views.home(people.admin), 'My orders that need me');
    expect(needs).toContain(`${waiting}*`);
    await flow.database.db.delete(allocationRules).where(eq(allocationRules.position, 0));
  });

  it('a manager sees the order waiting in the department they manage, with nobody to take it and late', async () => {
    const home = await openHome(max);
    const needs = listIn(home, 'My orders that need me');
    expect(needs).toContain(`${custom}*`);
    expect(needs).toContain('nobody to take it in Assembly');
    expect(needs).toContain('capacity: fits by');
    expect(needs).not.toContain(`${held}*`);
    expect(text(home)).not.toContain('home.new_order');
  });

  it('a burst of five changes to one order → one fresh Home per person it concerns, once the outbox is sent', async () => {
    const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, first));
    if (!order) throw new Error('no first order');
    const before = { admin: publishesFor(people.admin), pia: publishesFor(pia), max: publishesFor(max) };
    const actions = ['hold', 'release', 'hold', 'release', 'hold'] as const;
    for (const [i, action] of actions.entries()) {
      await changeOrderStatus(flow.desk.ctx, {
        orderId: order.id,
        expectedVersion: order.version + i,
        action,
        actor: people.admin,
        ...(action === 'hold' ? { reason: 'customer asked to wait' } : {}),
      });
    }
    await flow.drainOutbox();

    expect(publishesFor(people.admin)).toBe(before.admin + 1);
    expect(publishesFor(pia)).toBe(before.pia + 1);
    expect(publishesFor(max)).toBe(before.max);
    expect(publishesFor(lou)).toBe(0);
    expect(listIn(flow.slack.views.home(people.admin), 'My orders that need me')).toContain(`${first}*`);
  });

  it('a production member sees their overdue assignment first, then the rest, and production’s unassigned queue', async () => {
    const later = await placeOrder(widgets('2027-01-15'));
    await flow.database.db.update(peopleTable).set({ away: true }).where(eq(peopleTable.slackUserId, pia));
    const waiting = await placeOrder(widgets('2027-01-20'));
    await flow.database.db.update(peopleTable).set({ away: false }).where(eq(peopleTable.slackUserId, pia));
    await flow.drainOutbox();
    // The order waiting for a taker reached Pia's Home on its own: production's queue changed.
    expect(listIn(flow.slack.views.home(pia), 'Unassigned in production')).toContain(waiting);

    flow.clock.set(new Date('2026-12-22T09:00:00Z'));
    const home = await openHome(pia);
    const mine = listIn(home, 'My assignments');
    expect(mine).toMatch(new RegExp(`${first}\\*[^\\\\]*overdue.*${later}\\*`));
    expect(mine).not.toMatch(new RegExp(`${later}\\*[^\\\\]*overdue`));
    expect(mine).not.toContain(waiting);
    expect(listIn(home, 'Unassigned in production')).toContain(`${waiting}*`);
  });

  it('forty assignments: the Home stays within 100 blocks, shows ten with how many more, and the next ten after Show more', async () => {
    // Entered as the modal would submit them, minus forty round trips through Slack.
    for (let i = 0; i < 40; i++) {
      await submitOrder(flow.desk.ctx, admin, await acmeSubmission(flow, `home-test-${i}`));
    }
    const published = publishesFor(pia);
    await flow.drainOutbox();
    expect(publishesFor(pia)).toBe(published + 1);

    const mineInOrder = await flow.database.db
      .select({ number: orders.number })
      .from(assignments)
      .innerJoin(orders, eq(orders.id, assignments.orderId))
      .where(
        and(eq(assignments.assigneeId, pia), inArray(assignments.status, ['open', 'accepted', 'started'])),
      )
      .orderBy(asc(orders.deliveryDate), asc(orders.number));
    const numbers = mineInOrder.map((r) => r.number);
    expect(numbers).toHaveLength(42);

    const home = flow.slack.views.home(pia);
    expect(home?.blocks.length).toBeLessThanOrEqual(100);
    const page1 = listIn(home, 'My assignments');
    expect(page1).toContain('*My assignments* (42)');
    expect(page1).toContain('Showing 1–10 of 42 · 32 more');
    for (const n of numbers.slice(0, 10)) expect(page1).toContain(`${n}*`);
    expect(page1).not.toContain(`${numbers[10]}*`);
    expect(page1).not.toContain('home.previous');

    await flow.driver.clickButton(pia, { view: home?.id ?? '', action_id: 'home.more' });
    const next = await eventually(() => {
      const view = flow.slack.views.home(pia);
      return view && view.hash !== home?.hash ? view : null;
    }, 'the next page');
    const page2 = listIn(next, 'My assignments');
    expect(page2).toContain('Showing 11–20 of 42 · 22 more');
    for (const n of numbers.slice(10, 20)) expect(page2).toContain(`${n}*`);
    expect(page2).not.toContain(`${numbers[9]}*`);
    expect(page2).toContain('home.previous');
    expect(next.blocks.length).toBeLessThanOrEqual(100);
  }, 120_000); // forty orders and their cards through the paced outbox take a while on a busy machine
});
