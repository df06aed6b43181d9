import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orders } from '../../src/db/schema.ts';
import { aDepartment, buttonsOn, cardIn, placeOrder, press } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually, openModal, placeCreditHeldOrder, seedIntakeWorld } from '../support/intake-world.ts';
import { deliverAgain, filledIn } from '../support/redelivery.ts';

const production = { channelId: 'C0PROD', ann: 'U0ANN' } as const;

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  await aDepartment(flow, { key: 'production', name: 'Production', channelId: production.channelId }, [
    production.ann,
  ]);
  await aDepartment(flow, { key: 'logistics', name: 'Logistics', channelId: 'C0LOGI' }, ['U0LOU']);
});
afterAll(() => flow.stop());

const adminDm = () => flow.slack.workspace.openIm(people.admin).channel.id;
const blocksOf = (m: { blocks?: unknown } | undefined) => JSON.stringify(m?.blocks ?? []);
const threadOf = (channel: string, number: string) =>
  flow.slack.workspace.replies(channel, cardIn(flow, channel, number)?.ts ?? '').map((m) => m.text);
const orderNamed = async (number: string) => {
  const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
  if (!order) throw new Error(`no order ${number}`);
  return order;
};
/** The status changes recorded for the order, by action. */
const moves = async (number: string, action: string) => {
  const order = await orderNamed(number);
  const events = await flow.database.db
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, 'status_changed')));
  return events.filter((e) => (e.data as { action?: string }).action === action);
};

/** `user` presses a button on the admin's own card of the order; what they were told privately, if anything. */
async function pressOnOwnCard(user: string, number: string, actionId: string) {
  const card = cardIn(flow, adminDm(), number);
  if (!card) throw new Error(`no card for ${number} in the admin's DM`);
  const told = flow.slack.workspace.ephemerals({ user }).length;
  await flow.driver.clickButton(user, { message: { channel: adminDm(), ts: card.ts }, action_id: actionId });
  return told;
}

async function answerTo(user: string, told: number) {
  const all = await eventually(() => {
    const now = flow.slack.workspace.ephemerals({ user });
    return now.length > told ? now : null;
  }, `an answer for ${user}`);
  return all.at(-1)?.text ?? '';
}

/** What a command answered, on its acknowledgement or later. */
async function commandAnswer(user: string, text: string) {
  const told = flow.slack.workspace.ephemerals({ user }).length;
  const res = await flow.driver.command(user, text);
  const body = JSON.stringify(res.body ?? '');
  if (body.length > 2) return body;
  return answerTo(user, told);
}

async function inProduction(): Promise<string> {
  const number = await placeOrder(flow);
  await press(flow, production.ann, production.channelId, number, 'step.accept');
  await press(flow, production.ann, production.channelId, number, 'step.start');
  return number;
}

describe('an admin holds an order at the customer’s request and releases it', () => {
  let number = '';
  let form = '';

  it('Hold… on the admin’s card opens the form; a member pressing it is refused', async () => {
    number = await inProduction();
    expect(blocksOf(cardIn(flow, adminDm(), number))).toContain('order.hold');
    expect(blocksOf(cardIn(flow, adminDm(), number))).not.toContain('order.release');
    const told = await pressOnOwnCard(production.ann, number, 'order.hold');
    expect(await answerTo(production.ann, told)).toContain('Only an admin can hold and release orders.');
    const before = flow.slack.views.top(people.admin);
    await pressOnOwnCard(people.admin, number, 'order.hold');
    form = (await openModal(flow, people.admin, before)).id;
  });

  it('the reason is required; with it the order is on hold, its kind and reason on every card and in /order show', async () => {
    const empty = await flow.driver.submitView(people.admin, form, {
      kind: { kind: 'customer' },
      reason: { reason: '  ' },
    });
    expect(empty.body).toEqual({ response_action: 'errors', errors: { reason: 'Say why it is held.' } });
    const values = {
      kind: { kind: 'customer' },
      reason: { reason: 'Customer <ACME> waits for site access' },
    };
    const open = flow.slack.views.find(form)?.view;
    if (!open) throw new Error('the hold form is not open');
    const submitted = filledIn(open, values);
    expect((await flow.driver.submitView(people.admin, form, values)).body).toBe('');
    // Slack delivers the same submission again: still one hold.
    expect((await deliverAgain(flow, people.admin, submitted)).body).toBe('');
    const handled = flow.logs.filter((l) => l.includes('"slack request"') && l.includes('hold.form'));
    expect(handled).toHaveLength(3);
    await flow.drainOutbox();
    expect(await orderNamed(number)).toMatchObject({
      status: 'on_hold',
      statusBeforeHold: 'in_production',
      holdKind: 'customer',
      holdReason: 'Customer <ACME> waits for site access',
    });
    expect(await moves(number, 'hold')).toHaveLength(1);
    const shown = 'customer request: Customer &lt;ACME&gt; waits for site access';
    for (const channel of [production.channelId, adminDm()]) {
      expect(blocksOf(cardIn(flow, channel, number))).toContain(shown);
      expect(threadOf(channel, number)).toContain(
        `:double_vertical_bar: <@${people.admin}> put it on hold (customer request): Customer &lt;ACME&gt; waits for site access`,
      );
    }
    // Work stops: production's card offers nothing while the order waits.
    expect(buttonsOn(cardIn(flow, production.channelId, number))).toEqual([]);
    const own = blocksOf(cardIn(flow, adminDm(), number));
    expect(own).toContain('order.release');
    expect(own).not.toContain('order.hold');
    const show = JSON.stringify((await flow.driver.command(people.dana, `show ${number}`)).body);
    expect(show).toContain(shown);
    expect(show).toContain('order.release');
  });

  it('a second hold is refused with the hold it already has', async () => {
    expect(await commandAnswer(people.admin, `hold ${number} another reason`)).toContain(
      `${number} is already on hold (customer request: Customer &lt;ACME&gt; waits for site access). Release that hold first.`,
    );
  });

  it('Release hold pressed twice releases once: the order is back in production', async () => {
    const first = await pressOnOwnCard(people.admin, number, 'order.release');
    const second = await pressOnOwnCard(people.admin, number, 'order.release');
    await eventually(async () => (await orderNamed(number)).status === 'in_production', 'the release');
    const answer = await answerTo(people.admin, Math.max(first, second));
    expect(answer).toMatch(/is not on hold: there is nothing to release|changed since you opened it/);
    await flow.drainOutbox();
    expect(await orderNamed(number)).toMatchObject({ holdKind: null, holdReason: null });
    expect(await moves(number, 'release')).toHaveLength(1);
    expect(threadOf(production.channelId, number)).toContain(
      `:arrow_forward: <@${people.admin}> released the hold (customer request: Customer &lt;ACME&gt; waits for site access)`,
    );
    expect(buttonsOn(cardIn(flow, production.channelId, number))).toContain('step.done');
    expect(blocksOf(cardIn(flow, adminDm(), number))).not.toContain('customer request');
  });

  it('a Hold… pressed on a card older than the order is refused', async () => {
    const card = cardIn(flow, adminDm(), number);
    const stale = JSON.stringify(card?.blocks).match(/"order\.hold","text":\{[^}]*\},"value":"(\d+):(\d+)"/);
    expect(stale).not.toBeNull();
    const told = flow.slack.workspace.ephemerals({ user: people.admin }).length;
    const [, id, version] = stale ?? [];
    await flow.driver.clickButton(people.admin, {
      message: { channel: adminDm(), ts: card?.ts ?? '' },
      action_id: 'order.hold',
      value: `${id}:${Number(version) - 1}`,
    });
    expect(await answerTo(people.admin, told)).toContain('This order changed since you opened it.');
  });
});

describe('/order hold and /order release', () => {
  it('a reason on the command holds it by hand; release brings it back', async () => {
    const number = await inProduction();
    expect(await commandAnswer(people.admin, `hold ${number} waiting for the drawings`)).toContain(
      `${number} is on hold (manual)`,
    );
    expect(await orderNamed(number)).toMatchObject({
      status: 'on_hold',
      holdKind: 'manual',
      holdReason: 'waiting for the drawings',
    });
    expect(await commandAnswer(production.ann, `release ${number}`)).toContain(
      'Only an admin can hold and release orders.',
    );
    expect(await commandAnswer(people.admin, `release ${number}`)).toContain(
      `${number} is released: it is in production again.`,
    );
    expect(await commandAnswer(people.admin, `release ${number}`)).toContain(
      `${number} is not on hold: there is nothing to release.`,
    );
  });

  it('without a reason it opens the form', async () => {
    const number = await placeOrder(flow);
    const before = flow.slack.views.top(people.admin);
    await flow.driver.command(people.admin, `hold ${number}`);
    const form = await openModal(flow, people.admin, before);
    expect(JSON.stringify(form.blocks)).toContain('Customer request');
  });

  it('a credit hold is finance’s to release, and a problem’s hold ends with the problem', async () => {
    const credit = await placeCreditHeldOrder(flow);
    expect(credit.holdKind).toBe('credit');
    expect(blocksOf(cardIn(flow, adminDm(), credit.number))).not.toContain('order.release');
    expect(await commandAnswer(people.admin, `release ${credit.number}`)).toContain(
      "is held for credit: only finance's decision on its credit hold card releases it.",
    );

    const number = await inProduction();
    const opened = flow.slack.views.top(people.admin);
    await flow.driver.command(people.admin, `problem ${number}`);
    const problem = await openModal(flow, people.admin, opened);
    await flow.driver.submitView(people.admin, problem, {
      type: { type: 'material_shortage' },
      severity: { severity: 'critical' },
      description: { description: 'No steel' },
    });
    await flow.drainOutbox();
    expect((await orderNamed(number)).holdKind).toBe('exception');
    expect(await commandAnswer(people.admin, `release ${number}`)).toContain(
      'is held for a problem: resolving the problem releases it',
    );
    expect((await orderNamed(number)).status).toBe('on_hold');
  });
});
