import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../../src/db/schema.ts';
import type { FakeView } from '../../src/sandbox/fake-slack/index.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { openModal, seedIntakeWorld } from '../support/intake-world.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
});
afterAll(() => flow.stop());

type Element = { initial_value?: string; initial_date?: string; initial_option?: { value: string } };
const element = (view: FakeView, blockId: string) =>
  (view.blocks.find((b) => b.block_id === blockId) as { element?: Element } | undefined)?.element;

describe('one-line entry', () => {
  it('opens the modal prefilled from the line, for the admin to confirm — nothing is stored yet', async () => {
    const res = await flow.driver.command(
      people.admin,
      'new ACME PO-77 10 x WIDGET-A @12.50, 200 x BOLT-M8 due 2026-12-20 pay net30',
    );
    expect(res.status).toBe(200);
    const view = await openModal(flow);
    expect(element(view, 'customer')?.initial_option?.value).toBe('ACME');
    expect(element(view, 'customer_po')?.initial_value).toBe('PO-77');
    expect(element(view, 'delivery_date')?.initial_date).toBe('2026-12-20');
    expect(element(view, 'payment_method')?.initial_option?.value).toBe('net30');
    expect(element(view, 'line.0.product')?.initial_option?.value).toBe('WIDGET-A');
    expect(element(view, 'line.0.quantity')?.initial_value).toBe('10');
    expect(element(view, 'line.0.unit_price')?.initial_value).toBe('12.50');
    expect(element(view, 'line.1.product')?.initial_option?.value).toBe('BOLT-M8');
    expect(element(view, 'line.1.quantity')?.initial_value).toBe('200');
    expect(await flow.database.db.select().from(orders)).toEqual([]);

    const placed = await flow.driver.submitView(people.admin, view);
    expect(placed.body).toBe('');
    expect(await flow.database.db.select().from(orders)).toHaveLength(1);
  });

  it("keeps each product's default spec and list price where the line gives none", async () => {
    const before = flow.slack.views.top(people.admin);
    await flow.driver.command(people.admin, 'new ACME 10 x WIDGET-A, 200 x BOLT-M8 @0.35');
    const view = await openModal(flow, people.admin, before);
    const field = (prefix: string) =>
      view.blocks.find((b) => String(b.block_id).startsWith(prefix)) as { element?: Element } | undefined;
    expect(field('line.0.spec')?.element?.initial_value).toBe('zinc plated');
    expect(field('line.0.unit_price')?.element?.initial_value).toBe('12.50');
    expect(field('line.1.spec')?.element?.initial_value).toBeUndefined();
    expect(field('line.1.unit_price')?.element?.initial_value).toBe('0.35');
  });

  it('preselects the payment method of a customer who pays only one way, and leaves a choice of several open', async () => {
    const before = flow.slack.views.top(people.admin);
    await flow.driver.command(people.admin, 'new NEARLY 10 x WIDGET-A');
    const only = await openModal(flow, people.admin, before);
    expect(element(only, 'payment_method')?.initial_option?.value).toBe('net30');

    await flow.driver.command(people.admin, 'new ACME 10 x WIDGET-A');
    const several = await openModal(flow, people.admin, only);
    expect(element(several, 'payment_method')?.initial_option).toBeUndefined();
  });

  it('shows what it could not understand at the top, escaped, instead of dropping it', async () => {
    const before = flow.slack.views.top(people.admin);
    await flow.driver.command(
      people.admin,
      'new ACME 3 x WIDGET-A due 2026-02-30 &lt;!channel&gt; please hurry',
    );
    const view = await openModal(flow, people.admin, before);
    const notice = JSON.stringify(view.blocks[0]);
    expect(view.blocks[0]?.block_id).toBe('notice');
    expect(notice).toContain('2026-02-30');
    expect(notice).toContain('please hurry');
    expect(notice).toContain('&lt;!channel&gt;');
    expect(element(view, 'delivery_date')?.initial_date).toBeUndefined();
  });

  it('a line with 10,000 items opens a 20-line modal and says how many were left out', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => `${i + 1} x WIDGET-A`).join(', ');
    const before = flow.slack.views.top(people.admin);
    const res = await flow.driver.command(people.admin, `new ACME ${items}`);
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    const view = await openModal(flow, people.admin, before);
    expect(view.blocks.filter((b) => String(b.block_id).endsWith('.product'))).toHaveLength(20);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.blocks[0])).toContain('9,980 more lines');
  });
});

describe('the New order shortcut', () => {
  it('opens the empty order modal for an admin', async () => {
    const before = flow.slack.views.top(people.admin);
    const res = await flow.driver.globalShortcut(people.admin, 'order_new_shortcut');
    expect(res.status).toBe(200);
    const view = await openModal(flow, people.admin, before);
    expect(view.callback_id).toBe('order_new');
    expect(element(view, 'customer')?.initial_option).toBeUndefined();
  });

  it('tells anyone else, in a small modal, that only admins create orders', async () => {
    await flow.driver.globalShortcut(people.dana, 'order_new_shortcut');
    const view = await openModal(flow, people.dana);
    expect(JSON.stringify(view.blocks)).toContain('Only an admin can create orders.');
  });
});
