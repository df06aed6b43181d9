import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, deskChannels, orders, people as peopleTable } from '../../src/db/schema.ts';
import type { FakeView } from '../../src/sandbox/fake-slack/index.ts';
import { capacityError } from '../../src/settings/department-form.ts';
import { lastAdminMessage } from '../../src/settings/save-person.ts';
import { settingsIds } from '../../src/settings/settings-ids.ts';
import { placeOrder } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import {
  eventually,
  finance,
  openModal,
  placeCreditHeldOrder,
  seedIntakeWorld,
} from '../support/intake-world.ts';

const production = 'C0PROD';
const mia = 'U0MIA';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  flow.slack.addChannel({ id: production, name: 'production', is_member: true });
  flow.slack.addUser({ id: mia, name: 'mia' });
});
afterAll(() => flow.stop());

const shows = (view: FakeView | undefined, text: string) => JSON.stringify(view?.blocks ?? []).includes(text);
const departmentRow = async (key: string) =>
  (await flow.database.db.select().from(departments).where(eq(departments.key, key)))[0];
const personRow = async (id: string) =>
  (await flow.database.db.select().from(peopleTable).where(eq(peopleTable.slackUserId, id)))[0];

async function openSettings(user: string = people.admin): Promise<FakeView> {
  const before = flow.slack.views.top(user);
  const res = await flow.driver.command(user, 'setup');
  expect(res.problems).toEqual([]);
  const view = await openModal(flow, user, before);
  expect(view.title?.text).toBe('Settings');
  return view;
}

/** Presses a button in the Settings modal and waits for the form it pushes. */
async function push(
  settings: FakeView,
  click: { action_id: string; block_id?: string },
  user: string = people.admin,
): Promise<FakeView> {
  await flow.driver.clickButton(user, { view: settings, ...click });
  return eventually(() => {
    const stack = flow.slack.views.stack(user);
    return stack.length === 2 && stack[0]?.id === settings.id ? stack[1] : null;
  }, 'a form pushed on Settings');
}

async function pickPerson(settings: FakeView, who: string, user: string = people.admin): Promise<FakeView> {
  await flow.driver.act(user, {
    view: settings,
    block_id: 'people.pick',
    action_id: settingsIds.pickPerson,
    value: who,
  });
  return eventually(() => flow.slack.views.stack(user)[1], 'the person form');
}

/** The Settings modal once the bot has refreshed it after a save. */
const refreshed = (user: string, text: string) =>
  eventually(() => {
    const stack = flow.slack.views.stack(user);
    return stack.length === 1 && shows(stack[0], text) ? stack[0] : null;
  }, `Settings to show ${text}`);

describe('departments in Settings', () => {
  it('someone who is not an admin typing /order setup is told, privately, that it takes an admin', async () => {
    const res = await flow.driver.command(finance.member, 'setup');
    expect(res.body).toMatchObject({
      response_type: 'ephemeral',
      text: ':no_entry: Only an admin can set up departments and people. Ask an admin of orderdesk if you need to.',
    });
    expect(flow.slack.views.top(finance.member)).toBeUndefined();
  });

  it('an admin runs /order setup and sees each department with its channel, capacity, manager and head count', async () => {
    const settings = await openSettings();
    expect(shows(settings, '*Finance* `finance`')).toBe(true);
    expect(shows(settings, `<#${finance.channel}> · 50 orders a day · no manager · 1 person`)).toBe(true);
    expect(shows(settings, settingsIds.addDepartment)).toBe(true);
    expect(shows(settings, 'Frank — member · Finance')).toBe(true);
  });

  it('names people in the Settings modal rather than showing ids: modals do not render mentions', async () => {
    const settings = await openSettings();
    expect(JSON.stringify(settings.blocks)).not.toMatch(/<@[UW][A-Z0-9]+>/);
    const form = await pickPerson(settings, finance.member);
    expect(shows(form, '*Frank*')).toBe(true);
    expect(JSON.stringify(form.blocks)).not.toMatch(/<@[UW][A-Z0-9]+>/);
  });

  it('an admin adds Production with its channel and a capacity in units: it is stored and listed', async () => {
    const settings = await openSettings();
    const form = await push(settings, { action_id: settingsIds.addDepartment });
    expect(form.title?.text).toBe('Add department');
    const res = await flow.driver.submitView(people.admin, form, {
      key: { value: 'production' },
      name: { value: 'Production' },
      channel: { value: production },
      capacity: { value: '40' },
      capacity_unit: { value: 'units' },
    });
    expect(res.body).toBe('');
    expect(res.problems).toEqual([]);
    expect(await departmentRow('production')).toMatchObject({
      name: 'Production',
      channelId: production,
      dailyCapacity: 40,
      capacityUnit: 'units',
      managerId: null,
    });
    const listed = await refreshed(people.admin, '*Production* `production`');
    expect(shows(listed, `<#${production}> · 40 units a day · no manager · 0 people`)).toBe(true);
    expect(flow.logs.some((l) => l.includes('settings: department added'))).toBe(true);
  });

  it('a capacity of 0, -3 or "abc" is refused under the capacity field, and nothing is stored', async () => {
    const settings = await openSettings();
    const form = await push(settings, { action_id: settingsIds.addDepartment });
    for (const capacity of ['0', '-3', 'abc']) {
      const res = await flow.driver.submitView(people.admin, form, {
        key: { value: 'qa' },
        name: { value: 'Quality' },
        channel: { value: production },
        capacity: { value: capacity },
      });
      expect(res.body).toEqual({ response_action: 'errors', errors: { capacity: capacityError } });
      expect(flow.slack.views.errors(form.id)).toEqual({ capacity: capacityError });
    }
    expect(await departmentRow('qa')).toBeUndefined();
  });

  it('a key that is taken, or a department without a channel, is refused under its field', async () => {
    const settings = await openSettings();
    const form = await push(settings, { action_id: settingsIds.addDepartment });
    const taken = await flow.driver.submitView(people.admin, form, {
      key: { value: 'finance' },
      name: { value: 'Finance again' },
      channel: { value: production },
    });
    expect(taken.body).toMatchObject({
      errors: { key: expect.stringContaining('already a department "finance"') },
    });
    const noChannel = await flow.driver.submitView(people.admin, form, {
      key: { value: 'qa' },
      channel: { value: { type: 'conversations_select', selected_conversation: null } },
    });
    expect(noChannel.body).toMatchObject({
      errors: { channel: expect.stringContaining('Choose the channel') },
    });
    const badKey = await flow.driver.submitView(people.admin, form, {
      key: { value: 'QA team' },
      channel: { value: production },
    });
    expect(badKey.body).toMatchObject({
      errors: { key: expect.stringContaining('"qa team" is not a valid key') },
    });
    expect((await departmentRow('finance'))?.name).toBe('Finance');
  });

  it('an admin edits Finance: gives it a manager and clears its capacity, which then reads "no daily limit"', async () => {
    const settings = await openSettings();
    const form = await push(settings, {
      block_id: 'department.finance',
      action_id: settingsIds.editDepartment,
    });
    expect(form.title?.text).toBe('Edit department');
    expect(shows(form, '"initial_value":"50"')).toBe(true);
    const res = await flow.driver.submitView(people.admin, form, {
      manager: { value: mia },
      capacity: { value: '' },
    });
    expect(res.body).toBe('');
    expect(await departmentRow('finance')).toMatchObject({
      name: 'Finance',
      channelId: finance.channel,
      dailyCapacity: 0,
      managerId: mia,
    });
    await refreshed(people.admin, `<#${finance.channel}> · no daily limit · manager mia · 1 person`);

    const again = await push(await openSettings(), {
      block_id: 'department.finance',
      action_id: settingsIds.editDepartment,
    });
    expect(JSON.stringify(again.blocks.find((b) => b.block_id === 'capacity'))).not.toContain(
      'initial_value',
    );
  });
});

describe('people in Settings', () => {
  /** NEARLY is near its limit: the order waits in #finance for a decision. */
  async function heldOrder() {
    const order = await placeCreditHeldOrder(flow);
    const card = flow.slack.messages(finance.channel).find((m) => m.text.includes(order.number));
    if (!card) throw new Error('no held order');
    return { order, card };
  }

  it('an admin makes Paul a member of Finance: his next press of Approve is judged by his new role', async () => {
    const { order, card } = await heldOrder();
    const press = () =>
      flow.driver.clickButton(finance.outsider, {
        message: { channel: finance.channel, ts: card.ts },
        action_id: 'credit_hold.approve',
      });
    await press();
    const refusal = await eventually(
      () => flow.slack.workspace.ephemerals({ user: finance.outsider }).at(-1),
      'a refusal',
    );
    expect(refusal.text).toContain('Only members of Finance');

    const settings = await openSettings();
    const form = await pickPerson(settings, finance.outsider);
    const res = await flow.driver.submitView(people.admin, form, {
      roles: { value: ['member'] },
      department: { value: 'finance' },
    });
    expect(res.body).toBe('');
    await refreshed(people.admin, 'Paul — member · Finance');

    await press();
    await eventually(async () => {
      const [now] = await flow.database.db.select().from(orders).where(eq(orders.id, order.id));
      return now?.status !== 'on_hold';
    }, 'the order to leave the hold');
  });

  it('an admin sets up Dana, new to orderdesk: roles, department and away are stored, with her Slack name', async () => {
    const settings = await openSettings();
    const form = await pickPerson(settings, people.dana);
    expect(shows(form, 'is new to orderdesk')).toBe(true);
    const res = await flow.driver.submitView(people.admin, form, {
      roles: { value: ['manager', 'member'] },
      department: { value: 'production' },
      away: { value: ['away'] },
    });
    expect(res.body).toBe('');
    const production = await departmentRow('production');
    expect(await personRow(people.dana)).toMatchObject({
      name: 'dana',
      roles: ['manager', 'member'],
      departmentId: production?.id,
      away: true,
    });
    const listed = await refreshed(people.admin, 'dana — manager, member · Production · :palm_tree: away');
    expect(shows(listed, '1 person')).toBe(true);
    expect(flow.logs.some((l) => l.includes('settings: person changed'))).toBe(true);

    const again = await pickPerson(await openSettings(), people.dana);
    expect(shows(again, '"initial_option":{"text":{"type":"plain_text","text":"Production"')).toBe(true);
  });

  it('a department member without a department is refused under the department field', async () => {
    const form = await pickPerson(await openSettings(), mia);
    const res = await flow.driver.submitView(people.admin, form, { roles: { value: ['member'] } });
    expect(res.body).toMatchObject({
      response_action: 'errors',
      errors: { department: expect.stringContaining('needs a department') },
    });
    expect(await personRow(mia)).toBeUndefined();
  });

  it('Viewer ticked with another role is refused under the roles', async () => {
    const form = await pickPerson(await openSettings(), mia);
    const res = await flow.driver.submitView(people.admin, form, { roles: { value: ['admin', 'viewer'] } });
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: { roles: 'A viewer holds no other role: untick Viewer, or the other roles' },
    });
    expect(await personRow(mia)).toBeUndefined();
  });

  it('the only admin on record cannot take away their own admin role', async () => {
    const adminForm = await pickPerson(await openSettings(), mia);
    await flow.driver.submitView(people.admin, adminForm, { roles: { value: ['admin'] } });
    expect((await personRow(mia))?.roles).toEqual(['admin']);

    const own = await pickPerson(await openSettings(mia), mia, mia);
    const res = await flow.driver.submitView(mia, own, { roles: { value: ['manager'] } });
    expect(res.body).toEqual({ response_action: 'errors', errors: { roles: lastAdminMessage } });
    expect((await personRow(mia))?.roles).toEqual(['admin']);
  });
});

describe('desk channels in Settings', () => {
  const exceptionsChannel = 'C0EXCEPT';
  const managersChannel = 'C0MANAGERS';
  const stored = () => flow.database.db.select().from(deskChannels).orderBy(deskChannels.purpose);

  it('an admin picks the problems and managers channels; Settings lists them, and a problem’s card goes there', async () => {
    flow.slack.addChannel({ id: exceptionsChannel, name: 'exceptions', is_member: true });
    flow.slack.addChannel({ id: managersChannel, name: 'managers', is_member: true });
    const settings = await openSettings();
    expect(shows(settings, '*Problems channel*: _none_')).toBe(true);
    const form = await push(settings, { action_id: settingsIds.editChannels });
    expect(form.title?.text).toBe('Desk channels');
    const values = { exceptions: { value: exceptionsChannel }, managers: { value: managersChannel } };
    const refused = await flow.driver.submitView(finance.outsider, form, values);
    expect(refused.body).toEqual({
      response_action: 'errors',
      errors: {
        exceptions: 'Only an admin can set up desk channels. Ask an admin of orderdesk if you need to.',
      },
    });
    expect(await stored()).toEqual([]);
    const res = await flow.driver.submitView(people.admin, form, values);
    expect(res.body).toBe('');
    const listed = await refreshed(people.admin, `*Problems channel*: <#${exceptionsChannel}>`);
    expect(shows(listed, `*Managers channel*: <#${managersChannel}>`)).toBe(true);
    // Saved again from a fresh form: the same two rows.
    const again = await push(listed, { action_id: settingsIds.editChannels });
    expect(JSON.stringify(again.blocks)).toContain(exceptionsChannel);
    expect((await flow.driver.submitView(people.admin, again, {})).body).toBe('');
    expect(await stored()).toEqual([
      { purpose: 'exceptions', channelName: 'exceptions', channelId: exceptionsChannel },
      { purpose: 'managers', channelName: 'managers', channelId: managersChannel },
    ]);

    const top = flow.slack.views.top(people.admin);
    if (top) await flow.driver.closeView(people.admin, top, { clear: true });
    const number = await placeOrder(flow);
    const before = flow.slack.views.top(people.admin);
    await flow.driver.command(people.admin, `problem ${number}`);
    const problem = await openModal(flow, people.admin, before);
    const [financeRow] = await flow.database.db
      .select()
      .from(departments)
      .where(eq(departments.key, 'finance'));
    await flow.driver.submitView(people.admin, problem, {
      type: { type: 'payment_issue' },
      severity: { severity: 'low' },
      description: { description: 'Prepayment short by 10.00' },
      department: { department: String(financeRow?.id) },
    });
    await flow.drainOutbox();
    expect(
      flow.slack.messages(exceptionsChannel).some((m) => m.text.startsWith(`:warning: Problem · ${number}`)),
    ).toBe(true);
  });

  it('clearing the problems channel leaves problems to their department’s channel', async () => {
    const top = flow.slack.views.top(people.admin);
    if (top) await flow.driver.closeView(people.admin, top, { clear: true });
    const form = await push(await openSettings(), { action_id: settingsIds.editChannels });
    const res = await flow.driver.submitView(people.admin, form, {
      exceptions: { value: null },
      managers: { value: managersChannel },
    });
    expect(res.body).toBe('');
    await refreshed(people.admin, '*Problems channel*: _none_');
    expect((await stored()).map((r) => r.purpose)).toEqual(['managers']);
  });
});

describe('Settings on the App Home', () => {
  it('an admin presses Settings on the App Home and the Settings modal opens', async () => {
    await flow.driver.appHomeOpened(people.admin);
    const home = await eventually(() => flow.slack.views.home(people.admin), 'the App Home');
    expect(shows(home, settingsIds.homeButton)).toBe(true);
    const before = flow.slack.views.top(people.admin);
    await flow.driver.clickButton(people.admin, { view: home, action_id: settingsIds.homeButton });
    const modal = await openModal(flow, people.admin, before);
    expect(modal.title?.text).toBe('Settings');
    expect(shows(modal, '*Production* `production`')).toBe(true);
  });

  it('someone who is not an admin has no Settings button on their App Home, and a replayed press is refused', async () => {
    await flow.driver.appHomeOpened(finance.member);
    const home = await eventually(() => flow.slack.views.home(finance.member), 'the App Home');
    expect(shows(home, settingsIds.homeButton)).toBe(false);

    const adminHome = flow.slack.views.home(people.admin);
    if (!adminHome) throw new Error('no admin Home');
    await flow.driver.clickButton(finance.member, { view: adminHome, action_id: settingsIds.homeButton });
    const notice = await openModal(flow, finance.member);
    expect(shows(notice, 'Only an admin can set up departments and people')).toBe(true);
    expect(shows(notice, settingsIds.addDepartment)).toBe(false);
  });
});

describe('many departments', () => {
  it('an admin makes Frank an admin: his App Home, opened before, gets the Settings button without him reopening it', async () => {
    expect(shows(flow.slack.views.home(finance.member), settingsIds.homeButton)).toBe(false);
    const form = await pickPerson(await openSettings(), finance.member);
    const res = await flow.driver.submitView(people.admin, form, {
      roles: { value: ['admin', 'member'] },
      department: { value: 'finance' },
    });
    expect(res.body).toBe('');
    await flow.drainOutbox();
    expect(shows(flow.slack.views.home(finance.member), settingsIds.homeButton)).toBe(true);
    // The save redraws Settings after its answer: done here, it cannot land in the next test.
    await refreshed(people.admin, 'Frank — admin, member · Finance');
  });

  it('an admin with more departments than one page pages through them with Next and Previous', async () => {
    await flow.database.db
      .insert(departments)
      .values(Array.from({ length: 45 }, (_, i) => ({ key: `line-${i + 10}`, name: `Line ${i + 10}` })));
    const settings = await openSettings();
    expect(shows(settings, 'Page 1 of 2')).toBe(true);
    expect(shows(settings, '*Production*')).toBe(false);
    await flow.driver.clickButton(people.admin, { view: settings, action_id: 'settings.page.next' });
    const second = await refreshed(people.admin, 'Page 2 of 2');
    expect(shows(second, '*Production* `production`')).toBe(true);
    await flow.driver.clickButton(people.admin, { view: second, action_id: 'settings.page.previous' });
    await refreshed(people.admin, 'Page 1 of 2');
  });
});
