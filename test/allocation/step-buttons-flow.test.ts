import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationRules, assignments, orders, people as peopleTable } from '../../src/db/schema.ts';
import { aDepartment, buttonsOn, cardIn, placeOrder, press } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually, openModal, seedIntakeWorld } from '../support/intake-world.ts';

const production = { channelId: 'C0PROD', ann: 'U0ANN', ben: 'U0BEN', away: 'U0AWAY' } as const;
const logistics = { channelId: 'C0LOGI', member: 'U0LOU' } as const;
const welding = { channelId: 'C0WELD' } as const;
/** An admin on record (people table), and one named only in ORDERDESK_ADMINS. */
const boss = 'U0BOSS';
const configAdmin = 'U0ADA2';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow({ env: { ORDERDESK_ADMINS: `${people.admin},${configAdmin}` } });
  await seedIntakeWorld(flow);
  const db = flow.database.db;
  const prod = await aDepartment(
    flow,
    { key: 'production', name: 'Production', channelId: production.channelId },
    [production.ann, production.ben],
  );
  flow.slack.addUser({ id: production.away, name: 'otto' });
  await db.insert(peopleTable).values({
    slackUserId: production.away,
    roles: ['member'],
    departmentId: prod?.id,
    away: true,
    updatedAt: new Date(),
  });
  await aDepartment(flow, { key: 'logistics', name: 'Logistics', channelId: logistics.channelId }, [
    logistics.member,
  ]);
  await aDepartment(flow, { key: 'welding', name: 'Welding', channelId: welding.channelId }, []);
  flow.slack.addUser({ id: boss, name: 'bea' });
  flow.slack.addUser({ id: configAdmin, name: 'cleo' });
  await db.insert(peopleTable).values({ slackUserId: boss, roles: ['admin'], updatedAt: new Date() });
  const step = (department: string) => ({ department, pick: 'round_robin' });
  await db.insert(allocationRules).values([
    {
      position: 1,
      name: 'prepaid: welding first',
      conditions: { paymentMethods: ['prepaid'] },
      route: [step('welding'), step('logistics')],
      updatedAt: new Date(),
    },
    {
      position: 2,
      name: 'big orders: welded after production',
      conditions: { minValueCents: 100_000 },
      route: [step('production'), step('welding')],
      updatedAt: new Date(),
    },
  ]);
});
afterAll(() => flow.stop());

const dmOf = (user: string) => flow.slack.workspace.openIm(user).channel.id;
const textOf = (card: { blocks?: unknown } | undefined) => JSON.stringify(card?.blocks ?? []);
const threadOf = (channel: string, number: string) =>
  flow.slack.workspace.replies(channel, cardIn(flow, channel, number)?.ts ?? '').map((m) => m.text);
const dmsTo = (user: string) => flow.slack.messages(dmOf(user)).map((m) => m.text);

async function stepOf(number: string, index: number) {
  const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
  const [step] = await flow.database.db
    .select()
    .from(assignments)
    .where(and(eq(assignments.orderId, order?.id ?? 0), eq(assignments.step, index)));
  if (!order || !step) throw new Error(`no step ${index} for ${number}`);
  return { order, step };
}

/** Presses a modal button on the card in #production and returns the modal it opened. */
async function openFromCard(user: string, number: string, actionId: string) {
  const before = flow.slack.views.top(user);
  await flow.driver.clickButton(user, {
    message: { channel: production.channelId, ts: cardIn(flow, production.channelId, number)?.ts ?? '' },
    action_id: actionId,
  });
  return openModal(flow, user, before);
}

/** What the person is told privately after pressing a button on the card in #production. */
async function refusalOf(user: string, number: string, click: { action_id: string; value?: string }) {
  const told = flow.slack.workspace.ephemerals({ user }).length;
  await flow.driver.clickButton(user, {
    message: { channel: production.channelId, ts: cardIn(flow, production.channelId, number)?.ts ?? '' },
    ...click,
  });
  const all = await eventually(() => {
    const now = flow.slack.workspace.ephemerals({ user });
    return now.length > told ? now : null;
  }, `an answer for ${user}`);
  return all.at(-1)?.text;
}

describe('Progress, Reassign and Report problem on a department’s card', () => {
  let number = '';

  it('an open step offers Accept first, then Reassign and Report problem; a started one adds Progress', async () => {
    number = await placeOrder(flow);
    expect(buttonsOn(cardIn(flow, production.channelId, number))).toEqual([
      'step.accept',
      'step.reassign',
      'step.problem',
    ]);
    await press(flow, production.ann, production.channelId, number, 'step.accept');
    await press(flow, production.ann, production.channelId, number, 'step.start');
    expect(buttonsOn(cardIn(flow, production.channelId, number))).toEqual([
      'step.done',
      'step.progress',
      'step.reassign',
      'step.problem',
    ]);
  });

  it('the route says each step’s state in words, not only with an emoji', async () => {
    const route = textOf(cardIn(flow, production.channelId, number));
    expect(route).toMatch(
      /:arrow_forward: Production \(<@U0[A-Z]+>\) started → :white_circle: Logistics to come/,
    );
  });

  it('production’s card shows what to make but no prices; the admin’s own card keeps them', async () => {
    const card = cardIn(flow, production.channelId, number);
    expect(card?.text).toBe(`${number} · Acme Industrial · in production`);
    expect(textOf(card)).toContain('2 pcs × *WIDGET-A* Widget A');
    expect(textOf(card)).not.toContain('12.50');
    expect(textOf(card)).not.toContain('*Total*');
    const own = cardIn(flow, dmOf(people.admin), number);
    expect(textOf(own)).toContain('@ 12.50 = 25.00');
    expect(textOf(own)).toContain('*Total*');
  });

  it('ann says 140 % and is asked for a whole number from 0 to 100, inline', async () => {
    const modal = await openFromCard(production.ann, number, 'step.progress');
    const res = await flow.driver.submitView(production.ann, modal, { percent: { percent: '140' } });
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: { percent: 'Say a whole number from 0 to 100.' },
    });
  });

  it('ann records 40 % with a note: every card of the order shows it, with a line in each thread', async () => {
    const modal = await openFromCard(production.ann, number, 'step.progress');
    expect(JSON.stringify(modal.blocks)).toContain(number);
    const res = await flow.driver.submitView(production.ann, modal, {
      percent: { percent: '40' },
      note: { note: 'frame <welded>' },
    });
    expect(res.body).toBe('');
    await flow.drainOutbox();
    const line = `<@${production.ann}>: Production 40 % — frame &lt;welded&gt;`;
    for (const channel of [production.channelId, dmOf(people.admin)]) {
      expect(textOf(cardIn(flow, channel, number))).toContain(
        `(<@${production.ann}>, 40 % — _frame &lt;welded&gt;_)`,
      );
      expect(threadOf(channel, number)).toContain(line);
    }
    expect((await stepOf(number, 0)).step).toMatchObject({ progress: 40, note: 'frame <welded>' });
  });

  it('lou from logistics presses Progress on production’s card and is refused privately', async () => {
    const text = await refusalOf(logistics.member, number, { action_id: 'step.progress' });
    expect(text).toBe(
      ':no_entry: Only members of Production, its manager or an admin can work on its orders.',
    );
  });

  it('a Progress click on a card older than the order is told to look again, and the card is drawn again', async () => {
    const { step, order } = await stepOf(number, 0);
    const card = cardIn(flow, production.channelId, number);
    const redraws = () =>
      flow.slack
        .callsTo('chat.update')
        .filter((c) => c.args.channel === production.channelId && c.args.ts === card?.ts).length;
    const before = redraws();
    const text = await refusalOf(production.ann, number, {
      action_id: 'step.progress',
      value: `${step.id}:${order.version - 1}`,
    });
    expect(text).toBe(':warning: This order changed since you opened it. Look at it again and retry.');
    await flow.drainOutbox();
    expect(redraws()).toBe(before + 1);
  });

  it('Reassign offers only the department’s members who are not away and do not have it: ann’s modal offers ben alone', async () => {
    const modal = await openFromCard(production.ann, number, 'step.reassign');
    const select = modal.blocks.find((b) => b.block_id === 'assignee')?.element as {
      type: string;
      options: { text: { text: string }; value: string }[];
    };
    expect(select.type).toBe('static_select');
    expect(select.options.map((o) => o.value)).toEqual([production.ben]);
    expect(select.options[0]?.text.text).not.toContain('<@');
    await flow.driver.closeView(production.ann, modal);
  });

  it('reassigning to lou (logistics) or otto (away), from a stale choice, is refused inline, naming them (a modal shows no mentions); to ben, the card and ben’s DMs say so, and it leaves ann’s Home', async () => {
    await flow.driver.appHomeOpened(production.ann);
    const annsHome = () => JSON.stringify(flow.slack.views.home(production.ann)?.blocks ?? []);
    await eventually(() => annsHome().includes(number), 'the order on ann’s Home');
    const modal = await openFromCard(production.ann, number, 'step.reassign');
    // The modal names who has the step: Slack shows a mention in a modal as its raw id.
    expect(JSON.stringify(modal.blocks)).toContain(`now with ${production.ann.toLowerCase()}`);
    expect(JSON.stringify(modal.blocks)).not.toContain('<@');
    const elsewhere = await flow.driver.submitView(production.ann, modal, {
      assignee: {
        assignee: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'x' }, value: logistics.member },
        },
      },
    });
    expect(elsewhere.body).toEqual({
      response_action: 'errors',
      // Not on record by name: Slack's real name for them, from users.info.
      errors: { assignee: `${logistics.member.toLowerCase()} is not in Production.` },
    });
    const away = await flow.driver.submitView(production.ann, modal, {
      assignee: {
        assignee: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'x' }, value: production.away },
        },
      },
    });
    expect(away.body).toEqual({
      response_action: 'errors',
      errors: { assignee: 'otto is away.' },
    });
    const ok = await flow.driver.submitView(production.ann, modal, {
      assignee: { assignee: production.ben },
    });
    expect(ok.body).toBe('');
    await flow.drainOutbox();

    expect((await stepOf(number, 0)).step).toMatchObject({ status: 'started', assigneeId: production.ben });
    expect(textOf(cardIn(flow, production.channelId, number))).toContain(`(<@${production.ben}>, 40 %`);
    expect(threadOf(production.channelId, number)).toContain(
      `<@${production.ann}> gave Production's part to <@${production.ben}>`,
    );
    expect(dmsTo(production.ben)).toContain(
      `:inbox_tray: <@${production.ann}> gave you Production's part of ${number}. Its card is in <#${production.channelId}>.`,
    );
    expect(annsHome()).not.toContain(number);
  });

  it('ben reports a problem: a problems form with production chosen; it is on the timeline and under the cards', async () => {
    const modal = await openFromCard(production.ben, number, 'step.problem');
    expect(JSON.stringify(modal.blocks)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Production"',
    );
    const empty = await flow.driver.submitView(production.ben, modal, {
      type: { type: 'other' },
      severity: { severity: 'low' },
      description: { description: '   ' },
    });
    expect(empty.body).toEqual({ response_action: 'errors', errors: { description: 'Say what is wrong.' } });
    const res = await flow.driver.submitView(production.ben, modal, {
      type: { type: 'other' },
      severity: { severity: 'low' },
      description: { description: 'Paint is <peeling> & cracked' },
    });
    expect(res.body).toBe('');
    await flow.drainOutbox();
    const said = 'Paint is &lt;peeling&gt; &amp; cracked';

    expect(threadOf(production.channelId, number)).toContain(
      `:warning: <@${production.ben}> reported a low problem in Production: ${said}`,
    );
    const shown = JSON.stringify((await flow.driver.command(people.dana, `show ${number}`)).body);
    expect(shown).toContain(`<@${production.ben}> reported a low problem in Production: ${said}`);
  });

  it('once production is done, its card offers none of these buttons', async () => {
    await press(flow, production.ben, production.channelId, number, 'step.done');
    expect(buttonsOn(cardIn(flow, production.channelId, number))).toEqual([]);
  });
});

describe('nobody eligible in a department', () => {
  it('a step that opens where nobody can take it waits unassigned, and the admins are told once', async () => {
    const number = await placeOrder(flow, [{ product: 'WIDGET-A', quantity: '2' }], 'prepaid');
    const { step } = await stepOf(number, 0);
    expect(step).toMatchObject({ status: 'open', assigneeId: null });
    expect(textOf(cardIn(flow, welding.channelId, number))).toContain('Welding (unassigned)');

    const alert = `:warning: ${number} waits unassigned in Welding's queue: it has no members yet. Give it to someone there with Reassign on its card, or add people to Welding.`;
    expect(dmsTo(boss)).toContain(alert);
    // The owner is an admin too: told once, as the owner.
    const toOwner = dmsTo(people.admin).filter((t) => t.includes(`${number} waits unassigned`));
    expect(toOwner).toEqual([
      `:warning: ${number} waits unassigned in Welding's queue: it has no members yet.`,
    ]);
  });

  it('a later step of the route that nobody can take alerts every admin, those named in the configuration too', async () => {
    const number = await placeOrder(flow, [{ product: 'WIDGET-A', quantity: '100' }]);
    const member = (await stepOf(number, 0)).step.assigneeId ?? '';
    for (const action of ['step.accept', 'step.start', 'step.done'])
      await press(flow, member, production.channelId, number, action);
    expect((await stepOf(number, 1)).step).toMatchObject({ status: 'open', assigneeId: null });
    for (const admin of [boss, configAdmin]) {
      expect(
        dmsTo(admin).filter((t) => t.includes(`${number} waits unassigned in Welding's queue`)),
      ).toHaveLength(1);
    }
  });
});
