import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeView } from '../../src/sandbox/fake-slack/index.ts';
import { placeOrder } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { production, seedFollowUpWorld } from '../support/followup-world.ts';
import { eventually, openModal } from '../support/intake-world.ts';

let flow: Flow;
let order: string;
beforeAll(async () => {
  flow = await startFlow();
  await seedFollowUpWorld(flow);
  order = await placeOrder(flow);
  await flow.drainOutbox();
});
afterAll(() => flow.stop());

/** The Home as drawn after `act`: a new publish for the person. */
async function homeAfter(user: string, act: () => Promise<unknown>): Promise<FakeView> {
  const before = flow.slack.views.home(user)?.hash;
  await act();
  return eventually(() => {
    const view = flow.slack.views.home(user);
    return view && view.hash !== before ? view : null;
  }, `the Home of ${user}`);
}
/** Slack names blocks the bot left unnamed afresh on each publish. */
const withoutIds = (blocks: unknown[] | undefined) =>
  (blocks ?? []).map((b) => ({ ...(b as object), block_id: null }));
const picker = (home: FakeView) => home.blocks.find((b) => JSON.stringify(b).includes('home.customer'));
const typeInPicker = (user: string, home: FakeView, typed: string) =>
  flow.driver.suggest(user, home, 'home.customer', String(picker(home)?.block_id), typed);
const pick = (user: string, home: FakeView, code: string) =>
  homeAfter(user, () =>
    flow.driver.selectInView(user, home, {
      block_id: String(picker(home)?.block_id),
      action_id: 'home.customer',
      value: code,
    }),
  );

describe('the Customers section of the App Home', () => {
  it('an admin finds a customer on the Home and sees the same view as /order customer, with Open and New order working there', async () => {
    const home = await homeAfter(people.admin, () => flow.driver.appHomeOpened(people.admin));
    expect(JSON.stringify(home.blocks)).toContain('*Customers* · orders, value, on time, credit and history');

    const typed = await typeInPicker(people.admin, home, 'acm');
    expect(JSON.stringify(typed.body)).toContain('"value":"ACME"');

    const withAcme = await pick(people.admin, home, 'ACME');
    const shown = JSON.stringify(withAcme.blocks);
    // The blocks of /order customer ACME, drawn by the same function.
    const told = flow.slack.workspace.ephemerals({ user: people.admin }).length;
    await flow.driver.command(people.admin, 'customer ACME');
    const answer = await eventually(
      () => flow.slack.workspace.ephemerals({ user: people.admin }).at(told),
      'the customer view',
    );
    const fieldsOf = (blocks: unknown[]) =>
      (blocks.find((b) => JSON.stringify(b).includes('*Credit used*')) as { fields?: unknown })?.fields;
    expect(fieldsOf(withAcme.blocks)).toEqual(fieldsOf(answer.blocks ?? []));
    expect(shown).toContain(`*${order}*`);
    expect(picker(withAcme)?.accessory).toMatchObject({ initial_option: { value: 'ACME' } });

    // Open, on the Home: the order's card in a modal (there is no message to answer under).
    const line = withAcme.blocks.find((b) => JSON.stringify(b).includes(`*${order}*`));
    expect(line?.accessory).toMatchObject({ action_id: 'home.open', value: order });
    const before = flow.slack.views.top(people.admin);
    await flow.driver.clickButton(people.admin, {
      view: withAcme.id,
      block_id: String(line?.block_id),
      action_id: 'home.open',
    });
    const card = await openModal(flow, people.admin, before);
    expect(card.title?.text).toBe(order);
    await flow.driver.closeView(people.admin, card);

    // New order for ACME: the order form with the customer filled in.
    const beforeForm = flow.slack.views.top(people.admin);
    await flow.driver.clickButton(people.admin, {
      view: withAcme.id,
      block_id: 'customer_view.actions',
      action_id: 'customer_view.new_order',
    });
    const form = await openModal(flow, people.admin, beforeForm);
    expect(JSON.stringify(form.blocks)).toContain('ACME');
    await flow.driver.closeView(people.admin, form);

    // Picking the same customer again draws the same Home.
    const again = await homeAfter(people.admin, () =>
      flow.driver.selectInView(people.admin, withAcme, {
        block_id: String(picker(withAcme)?.block_id),
        action_id: 'home.customer',
        value: 'ACME',
      }),
    ).catch(() => flow.slack.views.home(people.admin));
    expect(withoutIds(again?.blocks)).toEqual(withoutIds(withAcme.blocks));
  });

  it("the pick lasts: the admin's Home drawn again on opening it, or by an order's change through the outbox, still shows ACME", async () => {
    const reopened = await homeAfter(people.admin, () => flow.driver.appHomeOpened(people.admin));
    expect(picker(reopened)?.accessory).toMatchObject({ initial_option: { value: 'ACME' } });
    const refreshed = await homeAfter(people.admin, async () => {
      await placeOrder(flow);
      await flow.drainOutbox();
    });
    expect(picker(refreshed)?.accessory).toMatchObject({ initial_option: { value: 'ACME' } });
  });

  it('a department member has no Customers section; their suggestions are empty and a forged pick is refused in words', async () => {
    const home = await homeAfter(production.member, () => flow.driver.appHomeOpened(production.member));
    expect(JSON.stringify(home.blocks)).not.toContain('*Customers*');

    const admins = flow.slack.views.home(people.admin);
    if (!admins) throw new Error('the admin has a Home');
    const typed = await typeInPicker(production.member, admins, 'acm');
    expect(typed.body).toEqual({ options: [] });

    const before = flow.slack.views.top(production.member);
    await flow.driver.selectInView(production.member, admins, {
      block_id: String(picker(admins)?.block_id),
      action_id: 'home.customer',
      value: 'ACME',
    });
    const refusal = await openModal(flow, production.member, before);
    expect(JSON.stringify(refusal.blocks)).toContain('Only');
  });
});
