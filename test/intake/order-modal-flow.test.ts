import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orderLines, orders } from '../../src/db/schema.ts';
import type { FakeView } from '../../src/sandbox/fake-slack/index.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { acmeOrder, openModal, seedIntakeWorld, updatedModal } from '../support/intake-world.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
});
afterAll(() => flow.stop());

async function newOrderModal(text = 'new') {
  const before = flow.slack.views.top(people.admin);
  const res = await flow.driver.command(people.admin, text);
  expect(res.status).toBe(200);
  expect(res.problems).toEqual([]);
  return openModal(flow, people.admin, before);
}

async function addLines(opened: FakeView, n: number) {
  let view = opened;
  for (let i = 0; i < n; i++) {
    await flow.driver.clickButton(people.admin, { view: view.id, action_id: 'order_modal.add_line' });
    view = await updatedModal(flow, people.admin, view);
  }
  return view;
}

const blockIds = (view: { blocks: { block_id?: unknown }[] }) => view.blocks.map((b) => String(b.block_id));

describe('entering an order in the modal', () => {
  it('an admin fills a modal with 3 lines → the order is confirmed and its card appears in their DM', async () => {
    const view = await addLines(await newOrderModal(), 2);
    expect(blockIds(view)).toEqual(
      expect.arrayContaining(['line.0.product', 'line.1.product', 'line.2.product']),
    );

    const res = await flow.driver.submitView(
      people.admin,
      view,
      acmeOrder([
        { product: 'WIDGET-A', quantity: '10', price: '12.50', spec: 'RAL 5010 blue 🎨' },
        { product: 'BOLT-M8', quantity: '200', price: '0.40' },
        { product: 'WIDGET-A', quantity: '4', price: '12.50' },
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    expect(res.body).toBe('');
    expect(flow.slack.views.top(people.admin)).toBeUndefined();

    const [order] = await flow.database.db.select().from(orders);
    expect(order).toMatchObject({
      number: 'SO-2026-000001',
      status: 'confirmed',
      totalCents: 12_500 + 8_000 + 5_000,
    });
    const lines = await flow.database.db
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, order?.id ?? 0));
    expect(lines.map((l) => [l.lineNo, l.quantity, l.unitPriceCents, l.spec])).toEqual([
      [1, 10, 1250, 'RAL 5010 blue 🎨'],
      [2, 200, 40, ''],
      [3, 4, 1250, ''],
    ]);
    const events = await flow.database.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order?.id ?? 0));
    expect(events.map((e) => e.type)).toEqual(['received', 'reviewed', 'credit_checked', 'status_changed']);

    await flow.drainOutbox();
    const dm = flow.slack.workspace.openIm(people.admin).channel.id;
    const [card] = flow.slack.messages(dm);
    expect(card?.text).toBe('SO-2026-000001 · Acme Industrial · confirmed · total 255.00');
  });

  it('adding and removing lines keeps every value already entered', async () => {
    const view = await newOrderModal();
    await flow.driver.clickButton(people.admin, { view: view.id, action_id: 'order_modal.add_line' });
    const two = await updatedModal(flow, people.admin, view);
    flow.slack.views.setState(two.id, {
      ...two.state.values,
      customer_po: { customer_po: { type: 'plain_text_input', value: 'PO-KEEP' } },
      'line.0.quantity': { quantity: { type: 'number_input', value: '7' } },
      'line.1.quantity': { quantity: { type: 'number_input', value: '9' } },
    });
    await flow.driver.clickButton(people.admin, { view: two.id, action_id: 'order_modal.add_line' });
    const three = await updatedModal(flow, people.admin, two);
    const initial = (blockId: string) =>
      (
        three.blocks.find((b) => b.block_id === blockId) as
          | { element?: { initial_value?: string } }
          | undefined
      )?.element?.initial_value;
    expect(initial('customer_po')).toBe('PO-KEEP');
    expect(initial('line.0.quantity')).toBe('7');
    expect(initial('line.1.quantity')).toBe('9');

    await flow.driver.selectInView(people.admin, three, {
      block_id: 'line_actions',
      action_id: 'order_modal.remove_line',
      value: '0',
    });
    const after = await updatedModal(flow, people.admin, three);
    expect(blockIds(after).filter((id) => id.endsWith('.quantity'))).toEqual([
      'line.1.quantity',
      'line.2.quantity',
    ]);
    const kept = after.blocks.find((b) => b.block_id === 'line.1.quantity') as {
      element?: { initial_value?: string };
    };
    expect(kept.element?.initial_value).toBe('9');
    await flow.driver.closeView(people.admin, after);
  });

  it('customer and product search answer an admin, and a viewer or a Slack Connect guest with no options', async () => {
    const view = await newOrderModal();
    const optionsFor = async (user: string, actionId: string, typed: string) =>
      ((await flow.driver.suggest(user, view, actionId, actionId, typed)).body as { options: unknown[] })
        .options;
    expect(JSON.stringify(await optionsFor(people.admin, 'customer', 'acm'))).toContain('ACME');
    expect(JSON.stringify(await optionsFor(people.admin, 'product', 'widg'))).toContain('WIDGET-A');
    for (const outsider of [people.dana, people.guest]) {
      expect(await optionsFor(outsider, 'customer', 'acm')).toEqual([]);
      expect(await optionsFor(outsider, 'product', 'widg')).toEqual([]);
    }
    await flow.driver.closeView(people.admin, view);
  });
});
