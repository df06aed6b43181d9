import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orders } from '../../src/db/schema.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { acmeOrder, openModal, seedIntakeWorld, updatedModal } from '../support/intake-world.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
});
afterAll(() => flow.stop());
beforeEach(async () => {
  await flow.database.db.delete(orders);
});

async function submit(values: Record<string, Record<string, unknown>>, lines = 1) {
  const before = flow.slack.views.top(people.admin);
  await flow.driver.command(people.admin, 'new');
  let view = await openModal(flow, people.admin, before);
  for (let i = 1; i < lines; i++) {
    await flow.driver.clickButton(people.admin, { view: view.id, action_id: 'order_modal.add_line' });
    view = await updatedModal(flow, people.admin, view);
  }
  return flow.driver.submitView(people.admin, view, values);
}

const errorsOf = (body: unknown) => (body as { errors?: Record<string, string> }).errors ?? {};

describe('the review, inside the modal', () => {
  it('shows each error under the field it is about, and stores nothing', async () => {
    const res = await submit(
      {
        ...acmeOrder([
          { product: 'BOLT-M8', quantity: '120' },
          { product: 'WIDGET-A', quantity: '0' },
          { product: 'NOPE-1', quantity: '5' },
        ]),
        delivery_date: { delivery_date: '2026-11-20' },
      },
      3,
    );
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    const errors = errorsOf(res.body);
    expect(Object.keys(errors).sort()).toEqual([
      'customer',
      'delivery_date',
      'line.0.quantity',
      'line.1.quantity',
      'line.2.product',
    ]);
    expect(errors['line.0.quantity']).toContain('packs of 50');
    expect(errors['line.2.product']).toContain('NOPE-1');
    expect(errors.delivery_date).toContain('2026-11-20');
    // The customer, at the top of the long modal, names every field below that needs fixing.
    expect(errors.customer).toBe(
      '4 fields need fixing below: Delivery date, Line 1 · quantity, Line 2 · quantity, Line 3 · product',
    );
    expect(await flow.database.db.select().from(orders)).toEqual([]);
  });

  it('refuses a delivery date sooner than the longest lead time and names the earliest feasible date', async () => {
    const res = await submit({
      ...acmeOrder([{ product: 'GEAR-C', quantity: '1' }]),
      delivery_date: { delivery_date: '2026-12-01' },
    });
    expect(errorsOf(res.body).delivery_date).toContain('2026-12-17');
  });

  it('refuses an unknown customer under the customer field', async () => {
    const res = await submit({
      ...acmeOrder([{ product: 'WIDGET-A', quantity: '1' }]),
      customer: { customer: 'GHOST' },
    });
    expect(errorsOf(res.body).customer).toContain('GHOST');
  });

  it('refuses a price below the floor, and a PO this customer already used (naming that order)', async () => {
    const first = await submit({
      ...acmeOrder([{ product: 'WIDGET-A', quantity: '1' }]),
      customer_po: { customer_po: 'PO-77' },
    });
    expect(first.body).toBe('');
    const again = await submit({
      ...acmeOrder([{ product: 'WIDGET-A', quantity: '1', price: '1.00' }]),
      customer_po: { customer_po: 'PO-77' },
    });
    const errors = errorsOf(again.body);
    expect(errors.customer_po).toContain('SO-2026-');
    expect(errors['line.0.unit_price']).toBeDefined();
  });

  it('with only warnings, pushes a confirmation listing them; placing the order closes every view', async () => {
    const res = await submit(acmeOrder([{ product: 'WIDGET-A', quantity: '2', price: '15.00' }]));
    expect(res.body).toMatchObject({ response_action: 'push' });
    const confirm = await openModal(flow);
    expect(confirm.callback_id).toBe('order_new_confirm');
    expect(JSON.stringify(confirm.blocks)).toContain('WIDGET-A');
    expect(await flow.database.db.select().from(orders)).toEqual([]);

    const placed = await flow.driver.submitView(people.admin, confirm);
    expect(placed.body).toMatchObject({ response_action: 'clear' });
    expect(flow.slack.views.top(people.admin)).toBeUndefined();
    const [order] = await flow.database.db.select().from(orders);
    expect(order?.status).toBe('confirmed');
  });

  it('a view_submission delivered twice for the same view creates one order', async () => {
    await flow.driver.command(people.admin, 'new');
    const view = await openModal(flow);
    const values = acmeOrder([{ product: 'WIDGET-A', quantity: '3' }]);
    const [a, b] = await Promise.all([
      flow.driver.submitView(people.admin, view, values),
      flow.driver.submitView(people.admin, view, values),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await flow.database.db.select().from(orders)).toHaveLength(1);
  });

  it('someone who is not an admin cannot open the order form', async () => {
    const res = await flow.driver.command(people.dana, 'new');
    expect((res.body as { text?: string }).text).toBe(
      ':no_entry: Only an admin can create orders. Ask an admin of orderdesk if you need to.',
    );
    expect(flow.slack.views.top(people.dana)).toBeUndefined();
  });
});
