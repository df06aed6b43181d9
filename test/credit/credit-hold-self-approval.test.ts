import { desc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { orders } from '../../src/db/schema.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { acmeOrder, eventually, finance, openModal, seedIntakeWorld } from '../support/intake-world.ts';

let flow: Flow | undefined;
afterEach(async () => {
  await flow?.stop();
  flow = undefined;
});

async function startDesk(env: Record<string, string> = {}) {
  const started = await startFlow({ env });
  await seedIntakeWorld(started);
  flow = started;
  return started;
}

/** The admin enters an order for NEARLY over its credit line: it is held for finance. */
async function adminEntersHeldOrder(desk: Flow) {
  await desk.driver.command(people.admin, 'new');
  const view = await openModal(desk);
  await desk.driver.submitView(people.admin, view, {
    ...acmeOrder([{ product: 'WIDGET-A', quantity: '20' }]),
    customer: { customer: 'NEARLY' },
  });
  await desk.drainOutbox();
  const [order] = await desk.database.db.select().from(orders).orderBy(desc(orders.id)).limit(1);
  expect(order?.status).toBe('on_hold');
  const card = desk.slack.messages(finance.channel).find((m) => m.text.includes(order?.number ?? ''));
  return { number: order?.number ?? '', message: { channel: finance.channel, ts: card?.ts ?? '' } };
}

const statusOf = async (desk: Flow, number: string) =>
  (await desk.database.db.select().from(orders).where(eq(orders.number, number)))[0]?.status;

describe('separation of duties on a credit hold', () => {
  it('the admin who entered the order may not approve its hold, and is told why', async () => {
    const desk = await startDesk();
    const { number, message } = await adminEntersHeldOrder(desk);
    await desk.driver.clickButton(people.admin, { message, action_id: 'credit_hold.approve' });
    const refusal = await eventually(
      () => desk.slack.workspace.ephemerals({ user: people.admin }).at(-1),
      'a refusal for the order’s own admin',
    );
    expect(refusal.text).toBe(
      `:no_entry: You entered ${number}, so someone else in Finance decides its credit hold (separation of duties).`,
    );
    expect(await statusOf(desk, number)).toBe('on_hold');
  });

  it('nor reject it: Reject does not even open its form', async () => {
    const desk = await startDesk();
    const { number, message } = await adminEntersHeldOrder(desk);
    await desk.driver.clickButton(people.admin, { message, action_id: 'credit_hold.reject' });
    const refusal = await eventually(
      () => desk.slack.workspace.ephemerals({ user: people.admin }).at(-1),
      'a refusal for the order’s own admin',
    );
    expect(refusal.text).toContain('separation of duties');
    expect(desk.slack.views.top(people.admin)).toBeUndefined();
    expect(await statusOf(desk, number)).toBe('on_hold');
  });

  it('a one-person desk (ORDERDESK_SELF_APPROVAL=true) lets the admin approve their own order', async () => {
    const desk = await startDesk({ ORDERDESK_SELF_APPROVAL: 'true' });
    const { number, message } = await adminEntersHeldOrder(desk);
    await desk.driver.clickButton(people.admin, { message, action_id: 'credit_hold.approve' });
    await eventually(async () => ((await statusOf(desk, number)) === 'confirmed' ? true : null), 'confirmed');
  });
});
