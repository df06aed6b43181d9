import { asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocationRules,
  assignments,
  departments,
  orders,
  people as peopleTable,
} from '../../src/db/schema.ts';
import type { FakeEphemeral, FakeView } from '../../src/sandbox/fake-slack/index.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import {
  acmeOrder,
  eventually,
  finance,
  openModal,
  seedIntakeWorld,
  updatedModal,
} from '../support/intake-world.ts';

const production = { channel: 'C0PROD', member: 'U0PIOTR' } as const;
const qa = { channel: 'C0QA', member: 'U0QUINN' } as const;
const logistics = { channel: 'C0LOGI', member: 'U0LOU' } as const;
const manager = 'U0MANDY';
/** An admin by role (not by configuration), so the role can be taken away mid-test. */
const alex = 'U0ALEX';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  const db = flow.database.db;
  for (const [key, name, dept] of [
    ['production', 'Production', production],
    ['qa', 'Quality assurance', qa],
    ['logistics', 'Logistics', logistics],
  ] as const) {
    flow.slack.addChannel({ id: dept.channel, name: key, is_member: true });
    flow.slack.addUser({ id: dept.member, name: dept.member.toLowerCase() });
    const [row] = await db
      .insert(departments)
      .values({ key, name, channelId: dept.channel, dailyCapacity: 10 })
      .returning();
    await db
      .insert(peopleTable)
      .values({ slackUserId: dept.member, roles: ['member'], departmentId: row?.id, updatedAt: new Date() });
  }
  for (const [id, role] of [
    [manager, 'manager'],
    [alex, 'admin'],
  ] as const) {
    flow.slack.addUser({ id, name: id.toLowerCase() });
    await db.insert(peopleTable).values({ slackUserId: id, roles: [role], updatedAt: new Date() });
  }
  await db.insert(allocationRules).values({
    position: 1,
    name: 'Prepaid custom work',
    conditions: { categories: ['custom'], paymentMethods: ['prepaid'] },
    route: [
      { department: 'finance', pick: 'round_robin' },
      { department: 'production', pick: 'least_open' },
      { department: 'qa', pick: 'round_robin' },
      { department: 'logistics', pick: 'fixed', personId: logistics.member },
    ],
    updatedAt: new Date(),
  });
});
afterAll(() => flow.stop());

async function listRulesAs(user: string): Promise<FakeEphemeral> {
  const before = flow.slack.workspace.ephemerals({ user }).length;
  await flow.driver.command(user, 'rules');
  return eventually(() => flow.slack.workspace.ephemerals({ user })[before], 'the rules list');
}

async function clickInList(list: FakeEphemeral, actionId: string, blockId?: string): Promise<FakeView> {
  const before = flow.slack.views.top(list.user);
  await flow.driver.clickButton(list.user, {
    ephemeral: list,
    action_id: actionId,
    ...(blockId ? { block_id: blockId } : {}),
  });
  return openModal(flow, list.user, before);
}

const storedRules = () =>
  flow.database.db.select().from(allocationRules).orderBy(asc(allocationRules.position));

const firstRuleBlock = async () => `rule.${(await storedRules())[0]?.id}`;

describe('allocation rules in Slack', () => {
  it('an admin lists the rules: each in words, in order, with Edit, and Add rule', async () => {
    const list = await listRulesAs(people.admin);
    const shown = JSON.stringify(list.blocks);
    expect(shown).toContain('*1. Prepaid custom work*');
    expect(shown).toContain('When: products in Custom (made to order) · paid Prepaid');
    expect(shown).toContain(
      `Route: Finance (round-robin) → Production (least open assignments) → Quality assurance (round-robin) → Logistics (fixed: <@${logistics.member}>)`,
    );
    expect(shown).toContain('"action_id":"rules.edit"');
    expect(shown).toContain('"action_id":"rules.add"');
  });

  it('a manager reads the rules but gets no buttons; a department member is refused', async () => {
    const list = JSON.stringify((await listRulesAs(manager)).blocks);
    expect(list).toContain('Prepaid custom work');
    expect(list).not.toContain('rules.edit');
    expect(list).not.toContain('rules.add');
    const refused = await flow.driver.command(qa.member, 'rules');
    expect(JSON.stringify(refused.body)).toContain('Only a manager can see the allocation rules.');
  });

  it('an admin edits a rule’s route and conditions → stored, and the list shows the change', async () => {
    const list = await listRulesAs(people.admin);
    const modal = await clickInList(list, 'rules.edit', await firstRuleBlock());
    const res = await flow.driver.submitView(people.admin, modal, {
      min_value: { value: '1.000,50' },
      'step2.department': { value: 'production' },
      'step2.pick': { value: 'round_robin' },
      'step3.department': { value: 'logistics' },
      'step3.pick': { value: 'fixed' },
      'step3.person': { value: logistics.member },
      'step4.department': { value: { type: 'static_select', selected_option: null } },
    });
    expect(res.body).toBe('');
    const [rule] = await storedRules();
    expect(rule?.conditions).toEqual({
      categories: ['custom'],
      paymentMethods: ['prepaid'],
      minValueCents: 100_050,
    });
    expect(rule?.route).toEqual([
      { department: 'finance', pick: 'round_robin' },
      { department: 'production', pick: 'round_robin' },
      { department: 'logistics', pick: 'fixed', personId: logistics.member },
    ]);
    const refreshed = await eventually(() => {
      const now = JSON.stringify(
        flow.slack.workspace.ephemerals({ user: people.admin }).find((e) => e.ts === list.ts)?.blocks,
      );
      return now.includes('value at least 1,000.50') ? now : null;
    }, 'the list to show the change');
    expect(refreshed).toContain(
      `Route: Finance (round-robin) → Production (round-robin) → Logistics (fixed: <@${logistics.member}>)`,
    );
  });

  it('a route through a department removed while the form was open → an error naming it, nothing stored', async () => {
    const [paint] = await flow.database.db
      .insert(departments)
      .values({ key: 'paint', name: 'Paint shop', dailyCapacity: 5 })
      .returning();
    const modal = await clickInList(await listRulesAs(people.admin), 'rules.edit', await firstRuleBlock());
    await flow.database.db.delete(departments).where(eq(departments.id, paint?.id ?? 0));
    const before = await storedRules();
    const res = await flow.driver.submitView(people.admin, modal, { 'step2.department': { value: 'paint' } });
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: { 'step2.department': 'There is no department "paint".' },
    });
    expect(await storedRules()).toEqual(before);
  });

  it('an empty route, a fixed pick without a person or with an outsider, and min above max → inline errors', async () => {
    const modal = await clickInList(await listRulesAs(people.admin), 'rules.add');
    const empty = await flow.driver.submitView(people.admin, modal, { name: { value: 'Nowhere' } });
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: { 'step1.department': 'A rule needs a route: choose at least one department.' },
    });
    await flow.database.db
      .update(peopleTable)
      .set({ name: 'Quinn' })
      .where(eq(peopleTable.slackUserId, qa.member));
    const wrong = await flow.driver.submitView(people.admin, modal, {
      min_value: { value: '500' },
      max_value: { value: '12,50' },
      'step1.department': { value: 'qa' },
      'step1.pick': { value: 'fixed' },
      'step2.department': { value: 'logistics' },
      'step2.pick': { value: 'fixed' },
      'step2.person': { value: qa.member },
    });
    expect(wrong.body).toEqual({
      response_action: 'errors',
      errors: {
        max_value: 'The highest order value is below the lowest: swap them or leave one empty.',
        'step1.person': 'A fixed pick needs a person: choose who in Quality assurance does this step.',
        // Named as the people table has them: a modal shows a raw id, not a mention.
        'step2.person': 'Quinn is not a member of Logistics: choose one of its members.',
      },
    });
    const money = await flow.driver.submitView(people.admin, modal, { max_value: { value: 'lots' } });
    expect(money.body).toEqual({
      response_action: 'errors',
      errors: { max_value: '“lots” is not an amount: write it like 12.50 or 12,50.' },
    });
    expect(await storedRules()).toHaveLength(1);
  });

  it('someone who is no longer an admin cannot save a rule', async () => {
    const modal = await clickInList(await listRulesAs(alex), 'rules.edit', await firstRuleBlock());
    await flow.database.db
      .update(peopleTable)
      .set({ roles: ['manager'] })
      .where(eq(peopleTable.slackUserId, alex));
    const before = await storedRules();
    const res = await flow.driver.submitView(alex, modal, { name: { value: 'Mine now' } });
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: {
        name: 'Only an admin can change allocation rules. Ask an admin of orderdesk if you need to.',
      },
    });
    expect(await storedRules()).toEqual(before);
  });

  it('a new rule placed first changes where the next order goes: to #qa instead of #production', async () => {
    const modal = await clickInList(await listRulesAs(people.admin), 'rules.add');
    expect(
      await flow.driver.submitView(people.admin, modal, {
        name: { value: 'Everything through QA' },
        position: { value: '1' },
        'step1.department': { value: 'qa' },
        'step2.department': { value: 'logistics' },
        'step2.pick': { value: 'least_open' },
      }),
    ).toMatchObject({ body: '' });
    expect((await storedRules()).map((r) => [r.position, r.name])).toEqual([
      [1, 'Everything through QA'],
      [2, 'Prepaid custom work'],
    ]);

    const before = flow.slack.views.top(people.admin);
    await flow.driver.command(people.admin, 'new');
    const order = await openModal(flow, people.admin, before);
    const placed = await flow.driver.submitView(
      people.admin,
      order,
      acmeOrder([{ product: 'WIDGET-A', quantity: '2' }]),
    );
    expect(placed.body).toBe('');
    await flow.drainOutbox();
    const [latest] = await flow.database.db.select().from(orders).orderBy(desc(orders.id)).limit(1);
    const [first] = await flow.database.db
      .select({ assignee: assignments.assigneeId })
      .from(assignments)
      .where(eq(assignments.orderId, latest?.id ?? 0))
      .orderBy(asc(assignments.step));
    expect(first?.assignee).toBe(qa.member);
    expect(flow.slack.messages(qa.channel).some((m) => m.text.startsWith(latest?.number ?? '?'))).toBe(true);
    expect(flow.slack.messages(production.channel)).toEqual([]);
    expect(flow.slack.messages(finance.channel).some((m) => m.text.startsWith(latest?.number ?? '?'))).toBe(
      false,
    );
  });

  it('an admin deletes a rule after confirming; the rules after it move up', async () => {
    const list = await listRulesAs(people.admin);
    const modal = await clickInList(list, 'rules.edit', await firstRuleBlock());
    await flow.driver.clickButton(people.admin, { view: modal, action_id: 'rules.delete' });
    const gone = await updatedModal(flow, people.admin, modal);
    expect(JSON.stringify(gone.blocks)).toContain('*Everything through QA* was deleted');
    expect((await storedRules()).map((r) => [r.position, r.name])).toEqual([[1, 'Prepaid custom work']]);
  });
  it('a rule through a department that is gone shows it as missing, and is refused until the step changes', async () => {
    const [rule] = await flow.database.db
      .insert(allocationRules)
      .values({
        position: 2,
        name: 'Painted parts',
        route: [
          { department: 'paint', pick: 'round_robin' },
          { department: 'logistics', pick: 'round_robin' },
        ],
        updatedAt: new Date(),
      })
      .returning();
    const list = await listRulesAs(people.admin);
    expect(JSON.stringify(list.blocks)).toContain(
      'Route: paint (missing) (round-robin) → Logistics (round-robin)',
    );
    const modal = await clickInList(list, 'rules.edit', `rule.${rule?.id}`);
    const res = await flow.driver.submitView(people.admin, modal, {
      name: { value: 'Painted parts, renamed' },
    });
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: { 'step1.department': 'There is no department "paint".' },
    });
    const fixed = await flow.driver.submitView(people.admin, modal, {
      'step1.department': { value: 'production' },
    });
    expect(fixed.body).toBe('');
    expect((await storedRules()).map((r) => [r.position, r.name])).toEqual([
      [1, 'Prepaid custom work'],
      [2, 'Painted parts, renamed'],
    ]);
  });
});

describe('removing a step from a rule’s route', () => {
  it('Remove step 2 takes that step out, moves the later steps up and keeps what was typed elsewhere', async () => {
    const before = await storedRules();
    const modal = await clickInList(await listRulesAs(people.admin), 'rules.add');
    await flow.driver.clickButton(people.admin, {
      view: modal,
      block_id: 'step2.remove',
      action_id: 'rules.remove_step',
      values: {
        name: { value: 'QA, then ship' },
        min_value: { value: '250' },
        'step1.department': { value: 'qa' },
        'step2.department': { value: 'production' },
        'step3.department': { value: 'logistics' },
        'step3.pick': { value: 'least_open' },
      },
    });
    const redrawn = await updatedModal(flow, people.admin, modal);
    const chosen = (blockId: string) =>
      (
        redrawn.blocks.find((b) => b.block_id === blockId) as {
          element?: { initial_option?: { value: string } };
        }
      )?.element?.initial_option?.value;
    expect(chosen('step1.department.v1')).toBe('qa');
    expect(chosen('step2.department.v1')).toBe('logistics');
    expect(chosen('step2.pick.v1')).toBe('least_open');
    expect(chosen('step3.department.v1')).toBeUndefined();

    expect(await flow.driver.submitView(people.admin, redrawn, {})).toMatchObject({ body: '' });
    const added = (await storedRules()).find((r) => !before.some((b) => b.id === r.id));
    expect(added?.name).toBe('QA, then ship');
    expect(added?.conditions).toEqual({ minValueCents: 25000 });
    expect(added?.route).toEqual([
      { department: 'qa', pick: 'round_robin' },
      { department: 'logistics', pick: 'least_open' },
    ]);
  });
});
