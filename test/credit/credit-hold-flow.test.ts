import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../../src/db/schema.ts';
import type { FakeMessage } from '../../src/sandbox/fake-slack/index.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { acmeOrder, eventually, finance, openModal, seedIntakeWorld } from '../support/intake-world.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
});
afterAll(() => flow.stop());

/** NEARLY owes 900.00 of its 1,000.00 limit: any order over 100.00 goes to finance. */
async function enterNearlyOrder(quantity: string) {
  const before = flow.slack.views.top(people.admin);
  await flow.driver.command(people.admin, 'new');
  const view = await openModal(flow, people.admin, before);
  const res = await flow.driver.submitView(people.admin, view, {
    ...acmeOrder([{ product: 'WIDGET-A', quantity }]),
    customer: { customer: 'NEARLY' },
  });
  expect(res.body).toBe('');
  await flow.drainOutbox();
  const [order] = await flow.database.db.select().from(orders).orderBy(desc(orders.id)).limit(1);
  return order;
}

/** The order once it has reached `status`: the bot acknowledges a click first and acts after. */
const orderReaching = (number: string, status: string) =>
  eventually(async () => {
    const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
    return order?.status === status ? order : null;
  }, `${number} to be ${status}`);

const holdCardOf = (number: string) =>
  flow.slack.messages(finance.channel).find((m) => m.text.includes(number) && !m.thread_ts);
const adminDmCard = (number: string) =>
  flow.slack
    .messages(flow.slack.workspace.openIm(people.admin).channel.id)
    .find((m) => m.text.startsWith(number));
const shows = (m: FakeMessage | undefined, text: string) => JSON.stringify(m?.blocks ?? []).includes(text);

describe('a credit hold', () => {
  let number = '';
  it('an order over the customer’s credit limit is held, and finance sees a hold card with Approve / Reject', async () => {
    const order = await enterNearlyOrder('20');
    expect(order?.status).toBe('on_hold');
    number = order?.number ?? '';
    const card = holdCardOf(number);
    expect(card).toBeDefined();
    expect(card?.text).toBe(`Credit hold: ${number} · Nearly Maxed Ltd`);
    expect(shows(card, 'exceeds the credit limit 1,000.00')).toBe(true);
    expect(shows(card, 'credit_hold.approve')).toBe(true);
    expect(shows(card, 'credit_hold.reject')).toBe(true);
    expect(adminDmCard(number)?.text).toContain('on hold');
  });

  it('someone outside finance pressing Approve is refused, privately, and nothing changes', async () => {
    const card = holdCardOf(number);
    await flow.driver.clickButton(finance.outsider, {
      message: { channel: finance.channel, ts: card?.ts ?? '' },
      action_id: 'credit_hold.approve',
    });
    const refusal = await eventually(
      () => flow.slack.workspace.ephemerals({ user: finance.outsider }).at(-1),
      'a refusal for the outsider',
    );
    expect(refusal.text).toBe(
      ':no_entry: Only members of Finance, its manager or an admin can decide credit holds.',
    );
    const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
    expect(order?.status).toBe('on_hold');
  });

  it('a finance member approves: the order is confirmed, the DM card says so, the hold card shows who decided', async () => {
    const card = holdCardOf(number);
    await flow.driver.clickButton(finance.member, {
      message: { channel: finance.channel, ts: card?.ts ?? '' },
      action_id: 'credit_hold.approve',
    });
    await orderReaching(number, 'confirmed');
    await flow.drainOutbox();
    const updated = holdCardOf(number);
    expect(updated?.ts).toBe(card?.ts);
    expect(shows(updated, `Approved by <@${finance.member}>`)).toBe(true);
    expect(shows(updated, 'credit_hold.approve')).toBe(false);
    expect(adminDmCard(number)?.text).toContain('confirmed');
  });

  it('Reject asks for a reason; with it the order is cancelled and the reason shown', async () => {
    const held = await enterNearlyOrder('30');
    expect(held?.status).toBe('on_hold');
    const card = holdCardOf(held?.number ?? '');
    await flow.driver.clickButton(finance.member, {
      message: { channel: finance.channel, ts: card?.ts ?? '' },
      action_id: 'credit_hold.reject',
    });
    const modal = await openModal(flow, finance.member);
    const empty = await flow.driver.submitView(finance.member, modal, { reason: { reason: '   ' } });
    expect(empty.body).toMatchObject({
      response_action: 'errors',
      errors: { reason: expect.stringContaining('Say why') },
    });

    const done = await flow.driver.submitView(finance.member, modal, {
      reason: { reason: 'Overdue invoices <!here>' },
    });
    expect(done.body).toBe('');
    const [cancelled] = await flow.database.db
      .select()
      .from(orders)
      .where(eq(orders.id, held?.id ?? 0));
    expect(cancelled?.status).toBe('cancelled');
    await flow.drainOutbox();
    const after = holdCardOf(held?.number ?? '');
    expect(shows(after, `Rejected by <@${finance.member}>`)).toBe(true);
    expect(shows(after, 'Overdue invoices &lt;!here&gt;')).toBe(true);
    expect(adminDmCard(held?.number ?? '')?.text).toContain('cancelled');
  });
});

describe('a credit hold decided while the Reject form was open', () => {
  it('the form says who decided, by name: a modal shows a mention as a raw id', async () => {
    const held = await enterNearlyOrder('25');
    const card = holdCardOf(held?.number ?? '');
    await flow.driver.clickButton(finance.member, {
      message: { channel: finance.channel, ts: card?.ts ?? '' },
      action_id: 'credit_hold.reject',
    });
    const modal = await openModal(flow, finance.member);
    await flow.driver.clickButton(finance.member, {
      message: { channel: finance.channel, ts: card?.ts ?? '' },
      action_id: 'credit_hold.approve',
    });
    await orderReaching(held?.number ?? '', 'confirmed');
    const late = await flow.driver.submitView(finance.member, modal, { reason: { reason: 'Too late' } });
    expect(late.body).toEqual({
      response_action: 'errors',
      errors: { reason: `${held?.number} was already approved by Frank.` },
    });
  });
});
