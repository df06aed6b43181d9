import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerMessages, customers, orderEvents, products } from '../../src/db/schema.ts';
import { cardIn } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { aDeliveredOrder, seedFollowUpWorld } from '../support/followup-world.ts';
import { eventually, openModal, updatedModal } from '../support/intake-world.ts';

/** ACME's shared channel with its buyers. */
const acmeConnect = 'C0ACMESHARED';

describe('telling the customer their order was delivered', () => {
  let flow: Flow;
  beforeEach(async () => {
    flow = await startFlow();
    await seedFollowUpWorld(flow);
    flow.slack.addChannel({ id: acmeConnect, name: 'acme-shared', is_member: true });
    await flow.database.db
      .update(products)
      .set({ guideUrl: 'https://example.com/guides/widget-a' })
      .where(eq(products.sku, 'WIDGET-A'));
  });
  afterEach(() => flow.stop());

  const dm = () => flow.slack.workspace.openIm(people.admin).channel.id;
  const offers = () => flow.slack.messages(dm()).filter((m) => m.text.startsWith(':speech_balloon:'));
  const posted = () => flow.slack.messages(acmeConnect);
  const sentEvents = () =>
    flow.database.db.select().from(orderEvents).where(eq(orderEvents.type, 'customer_message_sent'));

  async function pressOnOffer(actionId: string) {
    const told = flow.slack.workspace.ephemerals({ user: people.admin }).length;
    await flow.driver.clickButton(people.admin, {
      message: { channel: dm(), ts: offers().at(-1)?.ts ?? '' },
      action_id: actionId,
    });
    const answer = await eventually(
      () => flow.slack.workspace.ephemerals({ user: people.admin }).slice(told).at(-1)?.text,
      `an answer to ${actionId}`,
    );
    await flow.drainOutbox();
    return answer;
  }

  it("on delivery the owner is offered a draft with the product's guide; Send twice posts it once to the customer's channel and once on the timeline", async () => {
    await flow.database.db
      .update(customers)
      .set({ connectChannelId: acmeConnect })
      .where(eq(customers.code, 'ACME'));
    flow.clock.set('2026-12-03T10:00:00Z');
    const number = await aDeliveredOrder(flow);

    const [offer] = offers();
    expect(offer?.text).toBe(
      `:speech_balloon: ${number} is delivered: send the customer a note (and the product guides).`,
    );
    const shown = JSON.stringify(offer?.blocks);
    expect(shown).toContain(`Hello Acme Industrial, your order ${number} has been delivered.`);
    expect(shown).toContain('Widget A: https://example.com/guides/widget-a');
    expect(shown).toContain(`<#${acmeConnect}>`);
    expect(posted()).toEqual([]);

    expect(await pressOnOffer('custmsg.send')).toBe(
      `:white_check_mark: Sent to <#${acmeConnect}>. It is on ${number}'s timeline.`,
    );
    expect(await pressOnOffer('custmsg.send')).toBe(
      `:information_source: This message about ${number} was sent already; nothing was sent again.`,
    );
    expect(posted().map((m) => m.text)).toEqual([
      [
        `Hello Acme Industrial, your order ${number} has been delivered.`,
        'Guides for what you received:',
        '• Widget A: https://example.com/guides/widget-a',
        'Thank you for your order. Reply here with any question.',
      ].join('\n'),
    ]);
    const events = await sentEvents();
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ reason: 'delivered', channel: acmeConnect });

    const card = cardIn(flow, dm(), number);
    await flow.driver.command(people.admin, `show ${number}`);
    const shownOrder = await eventually(
      () =>
        flow.slack.workspace
          .ephemerals({ user: people.admin })
          .find((e) => JSON.stringify(e.blocks ?? '').includes('told the customer')),
      'the timeline with the message',
    );
    expect(JSON.stringify(shownOrder.blocks)).toContain(`told the customer in <#${acmeConnect}>`);
    expect(card).toBeDefined();
  });

  it('Edit & preview: the owner rewrites the draft, previews it and sends the edited text; pressing Send in two tabs sends once', async () => {
    await flow.database.db
      .update(customers)
      .set({ connectChannelId: acmeConnect })
      .where(eq(customers.code, 'ACME'));
    const number = await aDeliveredOrder(flow);
    const before = flow.slack.views.top(people.admin);
    await flow.driver.clickButton(people.admin, {
      message: { channel: dm(), ts: offers().at(-1)?.ts ?? '' },
      action_id: 'custmsg.edit',
    });
    const edit = await openModal(flow, people.admin, before);
    expect(JSON.stringify(edit.blocks)).toContain('has been delivered');

    const empty = await flow.driver.submitView(people.admin, edit, { text: { text: '   ' } });
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: { text: 'Write the message, or close this and leave it unsent.' },
    });

    const edited = `Dear Acme team, ${number} arrived today. Call me if anything is off.`;
    const previewed = await flow.driver.submitView(people.admin, edit, { text: { text: edited } });
    expect(previewed.problems).toEqual([]);
    const preview = await updatedModal(flow, people.admin, edit);
    expect(preview.callback_id).toBe('custmsg.preview_form');
    expect(JSON.stringify(preview.blocks)).toContain('Dear Acme team');

    const [first, second] = await Promise.all([
      flow.driver.submitView(people.admin, preview),
      flow.driver.submitView(people.admin, preview),
    ]);
    const said = [first, second].map((r) => JSON.stringify(r.body));
    expect(said.filter((s) => s.includes('Sent to')).length).toBe(1);
    expect(said.filter((s) => s.includes('was sent already')).length).toBe(1);
    await flow.drainOutbox();
    expect(posted().map((m) => m.text)).toEqual([edited]);
    expect(await sentEvents()).toHaveLength(1);
  });

  it('a customer without a Slack Connect channel: Send gives the text to copy, and it is still kept on the timeline', async () => {
    const number = await aDeliveredOrder(flow);
    expect(JSON.stringify(offers()[0]?.blocks)).toContain('no Slack Connect channel');
    const answer = await pressOnOffer('custmsg.send');
    expect(answer).toContain(`:clipboard: Ready to copy; it is on ${number}'s timeline.`);
    expect(answer).toContain(`\`\`\`Hello Acme Industrial, your order ${number} has been delivered.`);
    const [stored] = await flow.database.db.select().from(customerMessages);
    expect(stored).toMatchObject({ status: 'sent', channel: null, sentBy: people.admin });
    expect((await sentEvents())[0]?.data).toMatchObject({ channel: null });
  });

  it('someone who does not own the order cannot send its message', async () => {
    await aDeliveredOrder(flow);
    const told = flow.slack.workspace.ephemerals({ user: people.dana }).length;
    await flow.driver.clickButton(people.dana, {
      message: { channel: dm(), ts: offers().at(-1)?.ts ?? '' },
      action_id: 'custmsg.send',
    });
    const answer = await eventually(
      () => flow.slack.workspace.ephemerals({ user: people.dana }).slice(told).at(-1)?.text,
      'a refusal',
    );
    expect(answer).toMatch(/^:no_entry: /);
    expect((await flow.database.db.select().from(customerMessages))[0]?.status).toBe('offered');
  });
});
