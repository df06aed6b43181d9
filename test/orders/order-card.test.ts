import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeOrderStatus } from '../../src/orders/change-order-status.ts';
import { createOrder } from '../../src/orders/create-order.ts';
import { aCustomer, aProduct } from '../support/factories.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';

let flow: Flow;
let orderId: number;
let dm: string;

beforeAll(async () => {
  flow = await startFlow();
  const db = flow.database.db;
  const customer = await aCustomer(db, { name: 'Acme <!channel> & Sons' });
  const product = await aProduct(db);
  const order = await createOrder(flow.desk.ctx, {
    customerId: customer.id,
    deliveryDate: '2026-12-20',
    paymentMethod: 'net30',
    ownerId: people.admin,
    lines: [{ productId: product.id, spec: 'RAL 5010 blue', quantity: 10, unitPriceCents: 1250 }],
  });
  orderId = order.id;
  await flow.drainOutbox();
  dm = flow.slack.workspace.openIm(people.admin).channel.id;
});
afterAll(() => flow.stop());

const ctx = () => flow.desk.ctx;

describe('the order card', () => {
  it('appears in the admin’s DM with number, customer, lines, total, date and state', () => {
    const [card] = flow.slack.messages(dm);
    const shown = JSON.stringify(card?.blocks);
    expect(card?.text).toBe('SO-2026-000001 · Acme &lt;!channel&gt; &amp; Sons · received · total 125.00');
    for (const part of [
      'SO-2026-000001',
      '*WIDGET-A*',
      'RAL 5010 blue',
      '2026-12-20',
      'net30',
      '125.00',
      'received',
    ]) {
      expect(shown).toContain(part);
    }
  });

  it('shows typed text escaped wherever Slack reads markup, so a customer name cannot ping the channel', () => {
    const [card] = flow.slack.messages(dm);
    const markup = JSON.stringify(card?.blocks).match(/"type":"mrkdwn","text":"[^"]*"/g) ?? [];
    expect(markup.join()).toContain('Acme &lt;!channel&gt; &amp; Sons');
    expect([card?.text, ...markup].join()).not.toContain('<!channel>');
  });

  it('is updated in place when the order moves on, with one line in its thread saying who did what', async () => {
    const [card] = flow.slack.messages(dm);
    await changeOrderStatus(ctx(), { orderId, expectedVersion: 1, action: 'confirm', actor: people.admin });
    await flow.drainOutbox();
    const topLevel = flow.slack.messages(dm).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    expect(topLevel).toHaveLength(1);
    expect(topLevel[0]?.ts).toBe(card?.ts);
    expect(JSON.stringify(topLevel[0]?.blocks)).toContain('confirmed');
    const thread = flow.slack.workspace.replies(dm, card?.ts ?? '');
    expect(thread.slice(1).map((m) => m.text)).toEqual([`<@${people.admin}> → *confirmed*`]);
  });

  it('a move the state machine does not allow is refused with what is possible instead', async () => {
    await expect(
      changeOrderStatus(ctx(), { orderId, expectedVersion: 2, action: 'ship', actor: people.admin }),
    ).rejects.toThrow(
      "SO-2026-000001: The order is confirmed, so you can't ship it. From here you can: put on hold, allocate, cancel.",
    );
  });

  it('a change made from an older view of the order is refused: it changed since you opened it', async () => {
    await expect(
      changeOrderStatus(ctx(), {
        orderId,
        expectedVersion: 1,
        action: 'cancel',
        actor: people.admin,
        reason: 'dup',
      }),
    ).rejects.toThrow('This order changed since you opened it. Look at it again and retry.');
  });

  it('a hold and its release come back to where the order was, and every card follows', async () => {
    await changeOrderStatus(ctx(), {
      orderId,
      expectedVersion: 2,
      action: 'hold',
      actor: people.admin,
      reason: 'credit',
    });
    const released = await changeOrderStatus(ctx(), {
      orderId,
      expectedVersion: 3,
      action: 'release',
      actor: people.admin,
    });
    expect(released.status).toBe('confirmed');
    await flow.drainOutbox();
    const [card] = flow.slack.messages(dm);
    const thread = flow.slack.workspace.replies(dm, card?.ts ?? '');
    expect(thread.slice(1).map((m) => m.text)).toEqual([
      `<@${people.admin}> → *confirmed*`,
      `<@${people.admin}> → *on hold*: credit`,
      `<@${people.admin}> → *confirmed*`,
    ]);
  });
});
