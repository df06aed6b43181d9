import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeOrderStatus } from '../../src/orders/change-order-status.ts';
import { createOrder } from '../../src/orders/create-order.ts';
import { aCustomer, aProduct } from '../support/factories.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually } from '../support/intake-world.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  const db = flow.database.db;
  const acme = await aCustomer(db);
  const zen = await aCustomer(db, { code: 'ZEN', name: 'Zenith Tools' });
  const product = await aProduct(db);
  for (let i = 0; i < 12; i++) {
    const order = await createOrder(flow.desk.ctx, {
      customerId: i % 3 === 0 ? zen.id : acme.id,
      deliveryDate: '2026-12-20',
      paymentMethod: 'net30',
      ownerId: i < 2 ? people.dana : people.admin,
      lines: [{ productId: product.id, spec: '', quantity: i + 1, unitPriceCents: 1000 }],
    });
    if (i === 5) {
      await changeOrderStatus(flow.desk.ctx, {
        orderId: order.id,
        expectedVersion: 1,
        action: 'hold',
        actor: people.admin,
        reason: 'waiting for drawings',
      });
    }
  }
});
afterAll(() => flow.stop());

const text = (body: unknown) => JSON.stringify(body);

describe('/order show and /order list', () => {
  it('show gives the card and the timeline, privately', async () => {
    const res = await flow.driver.command(people.dana, 'show so-2026-000006');
    expect(res.body).toMatchObject({ response_type: 'ephemeral' });
    expect(text(res.body)).toContain('SO-2026-000006');
    expect(text(res.body)).toContain('Timeline');
    expect(text(res.body)).toContain('waiting for drawings');
  });

  it('show takes the bare sequence number people read off a card: `show 6` is SO-2026-000006', async () => {
    const res = await flow.driver.command(people.dana, 'show 6');
    expect(text(res.body)).toContain('SO-2026-000006');
    expect(text(res.body)).toContain('waiting for drawings');
    expect(text((await flow.driver.command(people.dana, 'show 4242')).body)).toContain(
      'There is no order numbered …-004242.',
    );
  });

  it('show of an order that does not exist, or of something that is not an order number, says so', async () => {
    expect(text((await flow.driver.command(people.dana, 'show SO-2026-999999')).body)).toContain(
      'There is no order SO-2026-999999.',
    );
    expect(text((await flow.driver.command(people.dana, 'show banana')).body)).toContain('Say which order');
  });

  it('list shows open orders newest first, ten at a time, and More brings the rest', async () => {
    const res = await flow.driver.command(people.admin, 'list');
    const body = text(res.body);
    expect(body).toContain('SO-2026-000012');
    expect(body).not.toContain('SO-2026-000002');
    expect(body.indexOf('SO-2026-000012')).toBeLessThan(body.indexOf('SO-2026-000011'));

    const shown = await eventually(
      () => flow.slack.workspace.ephemerals({ user: people.admin }).at(-1),
      'the list',
    );
    await flow.driver.clickButton(people.admin, { ephemeral: shown, action_id: 'orders.list.more' });
    const next = await eventually(
      () => flow.slack.workspace.ephemerals({ user: people.admin }).find((e) => e.text.includes('page 2')),
      'page 2',
    );
    expect(next.text).toContain('SO-2026-000002');
    expect(next.text).toContain('SO-2026-000001');
  });

  it('More pressed twice on the same list (a double click) answers each press once with the same page 2', async () => {
    await flow.driver.command(people.dana, 'list');
    const shown = await eventually(
      () =>
        flow.slack.workspace.ephemerals({ user: people.dana }).find((e) => e.text.startsWith('Open orders:')),
      'the list',
    );
    const pages = () =>
      flow.slack.workspace.ephemerals({ user: people.dana }).filter((e) => e.text.includes('page'));
    const first = flow.driver.clickButton(people.dana, { ephemeral: shown, action_id: 'orders.list.more' });
    const second = flow.driver.clickButton(people.dana, { ephemeral: shown, action_id: 'orders.list.more' });
    await Promise.all([first, second]);
    const answers = await eventually(() => (pages().length >= 2 ? pages() : null), 'both answers');
    await flow.drainOutbox();
    expect(pages()).toHaveLength(2);
    for (const page of answers) {
      expect(page.text).toBe('Open orders (page 2): SO-2026-000002, SO-2026-000001');
    }
  });

  it('a Slack Connect guest pressing More is refused privately and is shown no order number', async () => {
    await flow.driver.command(people.admin, 'list');
    const shown = await eventually(
      () => flow.slack.workspace.ephemerals({ user: people.admin }).at(-1),
      'the list',
    );
    await flow.driver.clickButton(people.guest, { ephemeral: shown, action_id: 'orders.list.more' });
    const told = await eventually(
      () => flow.slack.workspace.ephemerals({ user: people.guest }).at(-1),
      'an answer for the guest',
    );
    expect(told.text).toBe(':no_entry: orderdesk only takes actions from members of its own workspace.');
    expect(text(flow.slack.workspace.ephemerals({ user: people.guest }))).not.toContain('SO-2026');
  });

  it('list mine, held, customer and status filter as they say', async () => {
    expect(text((await flow.driver.command(people.dana, 'list mine')).body)).toContain('SO-2026-000002');
    const held = text((await flow.driver.command(people.admin, 'list held')).body);
    expect(held).toContain('SO-2026-000006');
    expect(held).not.toContain('SO-2026-000005');
    const zen = text((await flow.driver.command(people.admin, 'list customer zenith')).body);
    expect(zen).toContain('SO-2026-000010');
    expect(zen).not.toContain('SO-2026-000011');
    expect(text((await flow.driver.command(people.admin, 'list status on hold')).body)).toContain(
      'SO-2026-000006',
    );
    expect(text((await flow.driver.command(people.admin, 'list status sleeping')).body)).toContain(
      'Say a state',
    );
  });
});
