import { desc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  customers,
  departments,
  exceptions,
  orderChanges,
  orderEvents,
  orders,
} from '../../src/db/schema.ts';
import { placeOrder } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { seedFollowUpWorld } from '../support/followup-world.ts';
import { eventually, openModal } from '../support/intake-world.ts';

describe('the customer view', () => {
  let flow: Flow;
  beforeEach(async () => {
    flow = await startFlow();
    await seedFollowUpWorld(flow);
    // Receivables of 1,000.00 besides the open orders: both count against the limit.
    await flow.database.db
      .update(customers)
      .set({ outstandingCents: 100_000 })
      .where(eq(customers.code, 'ACME'));
  });
  afterEach(() => flow.stop());

  /** The admin types a command; the private answer it gets. */
  async function ask(text: string) {
    const told = flow.slack.workspace.ephemerals({ user: people.admin }).length;
    await flow.driver.command(people.admin, text);
    return eventually(
      () => flow.slack.workspace.ephemerals({ user: people.admin }).at(told),
      `an answer to ${text}`,
    );
  }

  const creditChecks = () =>
    flow.database.db
      .select({ data: orderEvents.data })
      .from(orderEvents)
      .where(eq(orderEvents.type, 'credit_checked'))
      .orderBy(desc(orderEvents.id));

  it("shows the credit used as the intake's credit check counts it: open orders plus receivables", async () => {
    const first = await placeOrder(flow, [{ product: 'WIDGET-A', quantity: '40' }]);
    const view = await ask('customer ACME');
    const shown = JSON.stringify(view.blocks);
    // 40 × 12.50 = 500.00 open, plus 1,000.00 receivables, of a 50,000.00 limit.
    expect(shown).toContain('*Credit used*\\n1,500.00 of 50,000.00 · 48,500.00 available');
    expect(shown).toContain(`*${first}* · allocated`);

    await placeOrder(flow, [{ product: 'WIDGET-A', quantity: '2' }]);
    const [intake] = await creditChecks();
    expect(intake?.data).toMatchObject({ exposureCents: 150_000, limitCents: 5_000_000 });

    // `show` used to leave the open orders out of the available credit; it now shows the same view.
    const show = JSON.stringify((await ask('customer show ACME')).blocks);
    expect(show).toContain('*Credit used*\\n1,525.00 of 50,000.00 · 48,475.00 available');
    expect(show).toContain('*Open orders*\\n2');
  });

  it("counts the problems raised on the customer's orders and the changes sent for them, not drafts", async () => {
    const number = await placeOrder(flow);
    const db = flow.database.db;
    const [order] = await db.select().from(orders).where(eq(orders.number, number));
    const [department] = await db.select().from(departments).limit(1);
    if (!order || !department) throw new Error('the world has an order and a department');
    const now = flow.clock.now();
    await db.insert(exceptions).values({
      orderId: order.id,
      raiseKey: 'customer-view:1',
      type: 'quality',
      severity: 'high',
      description: 'scratched housings',
      departmentId: department.id,
      raisedBy: people.admin,
      raisedAt: now,
      slaDueAt: now,
      allManagersAt: now,
    });
    const change = {
      orderId: order.id,
      kind: 'change',
      requestedBy: people.admin,
      baseVersion: 1,
      createdAt: now,
    } as const;
    await db.insert(orderChanges).values([
      { ...change, state: 'rejected', reason: 'a later date' },
      { ...change, state: 'draft', reason: 'only looked at' },
    ]);

    const shown = JSON.stringify((await ask('customer ACME')).blocks);
    expect(shown).toContain('*Exceptions*\\n1');
    expect(shown).toContain('*Changes*\\n1');
  });

  it('finds the customer by part of its name, suggests the closest when nothing matches, and offers Open and New order', async () => {
    const number = await placeOrder(flow);
    const view = await ask('customer acme ind');
    expect(view.text).toBe('ACME — Acme Industrial');
    for (const words of [
      '*Value, last 12 months*\\n25.00',
      '*On time*\\nnothing delivered yet',
      '*Satisfaction*\\nno feedback yet',
      '*Exceptions*\\n0',
      '*Changes*\\n0',
    ])
      expect(JSON.stringify(view.blocks)).toContain(words);

    expect((await ask('customer Acme Industril')).text).toContain(
      'There is no customer “Acme Industril”. Did you mean ACME (Acme Industrial)?',
    );

    const told = flow.slack.workspace.ephemerals({ user: people.admin }).length;
    await flow.driver.clickButton(people.admin, { ephemeral: view, action_id: 'customer_view.open_order' });
    const opened = await eventually(
      () => flow.slack.workspace.ephemerals({ user: people.admin }).at(told),
      'the order',
    );
    expect(opened.text.startsWith(number)).toBe(true);
    expect(JSON.stringify(opened.blocks)).toContain('*Timeline*');

    const before = flow.slack.views.top(people.admin);
    await flow.driver.clickButton(people.admin, { ephemeral: view, action_id: 'customer_view.new_order' });
    const form = await openModal(flow, people.admin, before);
    expect(form.callback_id).toBe('order_new');
    expect(JSON.stringify(form.blocks)).toContain('ACME');
  });
});
