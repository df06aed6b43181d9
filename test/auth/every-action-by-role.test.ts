import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Permission, type PermissionId, permissions } from '../../src/auth/permissions.ts';
import { type Actor, type Role, requireRole } from '../../src/auth/roles.ts';
import {
  allocationRules,
  customers,
  departments,
  orders,
  people as peopleTable,
  products,
} from '../../src/db/schema.ts';
import { reportProblem } from '../../src/exceptions/report-problem.ts';
import { slackFeatures, subcommandTexts } from '../../src/features.ts';
import { createLogger } from '../../src/logger.ts';
import { createOrder } from '../../src/orders/create-order.ts';
import { routerFor } from '../../src/slack/app.ts';
import { aDepartment, cardIn, placeOrder, press } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import {
  acmeOrder,
  eventually,
  finance,
  openModal,
  placeCreditHeldOrder,
  seedIntakeWorld,
} from '../support/intake-world.ts';

/** Everyone who can press something: each role, each department's member, and two outsiders. */
interface Persona {
  name: string;
  userId: string;
  roles: Role[];
  departmentKey: string | null;
  /** From another workspace: a Slack Connect guest, or someone elsewhere with a role on record. */
  outsider?: true;
}

const personas: Persona[] = [
  { name: 'admin', userId: people.admin, roles: ['admin'], departmentKey: null },
  { name: 'manager', userId: 'U0MAX', roles: ['manager'], departmentKey: null },
  { name: 'production member', userId: 'U0PRO', roles: ['member'], departmentKey: 'production' },
  { name: 'QA member', userId: 'U0QUA', roles: ['member'], departmentKey: 'qa' },
  { name: 'logistics member', userId: 'U0LOG', roles: ['member'], departmentKey: 'logistics' },
  { name: 'finance member', userId: finance.member, roles: ['member'], departmentKey: 'finance' },
  { name: 'after-sales member', userId: 'U0AFT', roles: ['member'], departmentKey: 'after-sales' },
  { name: 'viewer', userId: 'U0VIEW', roles: ['viewer'], departmentKey: null },
  { name: 'Slack Connect guest', userId: people.guest, roles: [], departmentKey: null, outsider: true },
  { name: 'admin of another workspace', userId: 'U0ELSE', roles: [], departmentKey: null, outsider: true },
];
const member = (key: string) => personas.find((p) => p.departmentKey === key)?.userId ?? '';

const departmentNames: Record<string, string> = {
  production: 'Production',
  qa: 'Quality assurance',
  logistics: 'Logistics',
  'after-sales': 'After-sales',
};
const channels: Record<string, string> = {
  production: 'C0PROD',
  qa: 'C0QA',
  logistics: 'C0LOGI',
  'after-sales': 'C0AFTER',
};

/**
 * What the table says `persona` is told when they press `id`, or null when they may. `card` is
 * the department whose card holds the button.
 */
function refusalFor(row: Permission, persona: Persona, card?: string): string | null {
  if (row.who === 'anyone') return null;
  if (persona.outsider) return 'orderdesk only takes actions from members of its own workspace.';
  const actor: Actor = {
    userId: persona.userId,
    roles: persona.roles,
    departmentId: null,
    departmentKey: null,
  };
  switch (row.who) {
    case 'workspace':
      return null;
    case 'roles':
      try {
        requireRole(actor, row.roles, row.what);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    case 'department': {
      const key = row.of === 'finance' ? 'finance' : (card ?? '');
      if (persona.roles.includes('admin') || persona.roles.includes('manager')) return null;
      if (persona.departmentKey === key) return null;
      const name = row.of === 'finance' ? 'Finance' : departmentNames[key];
      return `Only members of ${name}, its manager or an admin can ${row.what}.`;
    }
  }
}

/** A refusal, in a message (with its icon) or under a form's input (words only). */
const refusalWords = /:no_entry:|Only [^"\n]* can [a-z ]+\.|orderdesk only takes actions/;

/** What a persona saw after a press: refused or not, and the words shown. */
interface Seen {
  refused: boolean;
  text: string;
}

/** A press driven as Slack sends it, as `user`; `card` is the department of the card pressed. */
interface Probe {
  id: PermissionId;
  card?: string;
  /** Refused by showing nothing (no options, no change), so no reason to read. */
  silent?: true;
  press(user: string): Promise<Seen>;
}

let flow: Flow;
const state = { moreList: '', adminHomeId: '', orderModalId: '', rulesList: '' };

beforeAll(async () => {
  // The admin enters every order here; this file checks roles, not who entered the order
  // (separation of duties has its own test), so the admin may decide its own credit holds.
  flow = await startFlow({ env: { ORDERDESK_SELF_APPROVAL: 'true' } });
  await seedIntakeWorld(flow);
  const db = flow.database.db;
  for (const key of ['production', 'qa', 'logistics', 'after-sales']) {
    await aDepartment(flow, { key, name: departmentNames[key] ?? key, channelId: channels[key] ?? '' }, [
      member(key),
    ]);
  }
  for (const p of personas.filter((p) => p.roles.includes('manager') || p.roles.includes('viewer'))) {
    flow.slack.addUser({ id: p.userId, name: p.name });
    await db.insert(peopleTable).values({ slackUserId: p.userId, roles: p.roles, updatedAt: new Date() });
  }
  flow.slack.addUser({ id: 'U0ELSE', name: 'elsa', team_id: 'T0ELSEWHERE' });
  await db.insert(peopleTable).values({ slackUserId: 'U0ELSE', roles: ['admin'], updatedAt: new Date() });
  // A rule no order here matches, so the rules list has an Edit button.
  await db.insert(allocationRules).values({
    position: 1,
    name: 'prepaid work',
    conditions: { paymentMethods: ['prepaid'] },
    route: [{ department: 'production', pick: 'round_robin' }],
    updatedAt: new Date(),
  });
  // Custom work is inspected: its orders pass QA, whose card has Fail.
  await db.insert(allocationRules).values({
    position: 2,
    name: 'custom work is inspected',
    conditions: { categories: ['custom'] },
    route: [
      { department: 'production', pick: 'round_robin' },
      { department: 'qa', pick: 'round_robin' },
      { department: 'logistics', pick: 'round_robin' },
    ],
    updatedAt: new Date(),
  });
  // More than a page of orders, so the list has More.
  const [acme] = await db.select().from(customers).where(eq(customers.code, 'ACME'));
  const [widget] = await db.select().from(products).where(eq(products.sku, 'WIDGET-A'));
  for (let i = 0; i < 11; i++) {
    await createOrder(flow.desk.ctx, {
      customerId: acme?.id ?? 0,
      deliveryDate: '2026-12-20',
      paymentMethod: 'net30',
      ownerId: people.admin,
      lines: [{ productId: widget?.id ?? 0, spec: '', quantity: 1, unitPriceCents: 1250 }],
    });
  }
});
afterAll(() => flow.stop());

describe('the permissions table', () => {
  it('has a row for every command, subcommand, button, form, search and shortcut the router knows, and no other', () => {
    const router = routerFor({
      features: slackFeatures({
        ctx: flow.desk.ctx,
        logger: createLogger('error', () => {}),
        loadActor: () => Promise.reject(new Error('not called')),
        checkWorkspace: () => {},
        followUp: () => {},
        afterWrite: () => {},
      }),
      commands: subcommandTexts,
      loadActor: () => Promise.reject(new Error('not called')),
      afterWrite: () => {},
    });
    const registered = router.registeredIds().sort();
    const rows = Object.keys(permissions).sort();
    expect(registered.filter((id) => !rows.includes(id))).toEqual([]);
    expect(rows.filter((id) => !registered.includes(id))).toEqual([]);
  });
});

/**
 * Set by each case: a refusal reaches the person as words, so waiting for it ignores Slack calls
 * that an earlier press's work, still running after its own answer, may make meanwhile.
 */
let waitForWords = false;

/** Whatever the persona was told after `send`: new ephemerals, a new modal, and the HTTP answer. */
async function seenAfter(user: string, send: () => Promise<{ body: unknown }>): Promise<Seen> {
  // What an earlier press left in the outbox is sent first, so its Slack calls are not taken
  // for this press's answer.
  await flow.drainOutbox();
  const told = flow.slack.workspace.ephemerals({ user }).length;
  const top = flow.slack.views.top(user)?.id;
  const calls = flow.slack.calls.length;
  const res = await send();
  const answered = JSON.stringify(res.body ?? '');
  await eventually(async () => {
    await flow.drainOutbox();
    return (
      answered.length > 2 ||
      flow.slack.workspace.ephemerals({ user }).length > told ||
      flow.slack.views.top(user)?.id !== top ||
      (!waitForWords && flow.slack.calls.length > calls)
    );
  }, `an answer to ${user}`);
  const newTop = flow.slack.views.top(user);
  const text = [
    answered,
    ...flow.slack.workspace
      .ephemerals({ user })
      .slice(told)
      .map((e) => e.text),
    newTop && newTop.id !== top ? JSON.stringify(newTop.blocks) : '',
  ].join('\n');
  return { refused: refusalWords.test(text), text };
}

/** The block of the admin's Home that holds the customer picker. */
function homeCustomerPicker(): string {
  const home = flow.slack.views.find(state.adminHomeId)?.view;
  const block = home?.blocks.find((b) => JSON.stringify(b).includes('"home.customer"'));
  return String(block?.block_id);
}

const command = (text: string) => (user: string) => seenAfter(user, () => flow.driver.command(user, text));

/** The order's card in a department's channel, or its credit hold card in #finance. */
const cardOf = (channel: string, number: string) =>
  channel === finance.channel
    ? flow.slack.messages(channel).find((m) => m.text.includes(number) && !m.thread_ts)
    : cardIn(flow, channel, number);

/** A button on the card of `number` in a department's channel. */
const onCard = (key: string, number: () => string, actionId: string) => (user: string) => {
  const channel = channels[key] ?? finance.channel;
  return seenAfter(user, () =>
    flow.driver.clickButton(user, {
      message: { channel, ts: cardOf(channel, number())?.ts ?? '' },
      action_id: actionId,
    }),
  );
};

/** Places an ACME order and moves it on: e.g. production accepts, starts and finishes it. */
async function orderAt(moves: [string, string][]): Promise<string> {
  const number = await placeOrder(flow);
  for (const [key, action] of moves) await press(flow, member(key), channels[key] ?? '', number, action);
  return number;
}

/** NEARLY is near its credit limit: its order waits in #finance. */
async function heldOrder(): Promise<string> {
  return (await placeCreditHeldOrder(flow)).number;
}

/** An order for a press that uses it up (Accept, Approve): a fresh one after each allowed press. */
function consumable(make: () => Promise<string>) {
  let current: string | null = null;
  return {
    async ready() {
      current ??= await make();
    },
    number: () => current ?? '',
    usedUp() {
      current = null;
    },
  };
}

const toAccept = consumable(() => orderAt([]));
const toApprove = consumable(heldOrder);
const started = { production: '', logistics: '', held: '', inspected: '', problem: '' };

const adminDm = () => flow.slack.workspace.openIm(people.admin).channel.id;
/** A button on the admin's own card of an order (their DM): Request change, Cancel, Hold, Release. */
const onOwnCard = (number: () => string, actionId: string) => (user: string) =>
  seenAfter(user, () =>
    flow.driver.clickButton(user, {
      message: { channel: adminDm(), ts: cardIn(flow, adminDm(), number())?.ts ?? '' },
      action_id: actionId,
    }),
  );

/** An order of custom work that QA has started inspecting. */
async function atInspection(): Promise<string> {
  const number = await placeOrder(flow, [{ product: 'GEAR-C', quantity: '1' }]);
  const moves: [string, string][] = [
    ['production', 'step.accept'],
    ['production', 'step.start'],
    ['production', 'step.done'],
    ['qa', 'step.accept'],
    ['qa', 'step.start'],
  ];
  for (const [key, action] of moves) await press(flow, member(key), channels[key] ?? '', number, action);
  return number;
}

/** An order the admin put on hold by hand. */
async function manuallyHeld(): Promise<string> {
  const number = await placeOrder(flow);
  await flow.driver.command(people.admin, `hold ${number} waiting for the drawings`);
  await eventually(async () => {
    const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
    return order?.status === 'on_hold';
  }, 'the hold');
  await flow.drainOutbox();
  return number;
}

/** An order with a low problem reported in production: its problems card is in #production. */
async function withProblem(): Promise<string> {
  const number = await placeOrder(flow);
  const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
  const [production] = await flow.database.db
    .select()
    .from(departments)
    .where(eq(departments.key, 'production'));
  const admin: Actor = { userId: people.admin, roles: ['admin'], departmentId: null, departmentKey: null };
  await reportProblem(
    flow.desk.ctx,
    admin,
    { orderId: order?.id ?? 0, expectedVersion: order?.version ?? 0 },
    {
      type: 'other',
      severity: 'low',
      description: 'Drawing unclear',
      expectedDate: null,
      departmentId: production?.id ?? 0,
    },
    `probe:${number}`,
  );
  await flow.drainOutbox();
  return number;
}

/** The problems card of an order in a department's channel. */
const problemCard = (channel: string, number: string) =>
  flow.slack
    .messages(channel)
    .find((m) => m.text.startsWith(`:warning: Problem · ${number}`) && !m.thread_ts);

const onProblem = (number: () => string, actionId: string) => (user: string) => {
  const channel = channels.production ?? '';
  return seenAfter(user, () =>
    flow.driver.clickButton(user, {
      message: { channel, ts: problemCard(channel, number())?.ts ?? '' },
      action_id: actionId,
    }),
  );
};

/** A press that uses its order up when it is allowed: the next one gets a fresh order. */
function usingUp(
  id: PermissionId,
  order: ReturnType<typeof consumable>,
  pressOn: (number: () => string) => (user: string) => Promise<Seen>,
  card?: string,
): Probe {
  return {
    id,
    ...(card ? { card } : {}),
    async press(user) {
      await order.ready();
      const seen = await pressOn(order.number)(user);
      if (!seen.refused) order.usedUp();
      return seen;
    },
  };
}

const toRelease = consumable(manuallyHeld);
const toAcknowledge = consumable(withProblem);

/** The order form the admin has open, opened again when a submission closed it. */
async function adminOrderModal(): Promise<string> {
  if (!flow.slack.views.find(state.orderModalId)) {
    const before = flow.slack.views.top(people.admin);
    await flow.driver.command(people.admin, 'new');
    state.orderModalId = (await openModal(flow, people.admin, before)).id;
  }
  return state.orderModalId;
}

/**
 * Rows this test does not press yet. A new id belongs in a probe above; this list only shrinks.
 */
const notPressedHere = [
  // On the customer view's ephemeral answer: test/customer-view/customer-view-flow.test.ts.
  'action:customer_view.new_order',
  'action:customer_view.open_order',
  'action:customer',
  'action:product',
  'action:order_modal.remove_line',
  'view:order_new_confirm',
  // Change requests and cancellation: test/changes/change-flow.test.ts opens the forms from the
  // owner's card and presses Approve and Reject as the right and the wrong department.
  'view:change.form',
  'view:change.confirm',
  'view:cancel.form',
  'action:change.approve',
  'action:change.reject',
  'view:change.reject_reason',
  // Only the reminder's owner may cancel it, whatever their role: test/reminders/remind-flow.test.ts.
  'action:reminders.cancel',
  'action:step.delivered',
  'view:step.reassign_details',
  // The problems form: test/exceptions/problem-escalation-flow.test.ts submits it.
  'view:problem.report',
  // The follow-up reminder's buttons and form: on a DM to the order's owner, after delivery;
  // test/followup/follow-up-flow.test.ts presses them.
  'action:followup.feedback',
  'action:followup.snooze_1d',
  'action:followup.snooze_3d',
  'action:followup.snooze_1w',
  'action:followup.done',
  'view:followup.feedback_form',
  // The customer message offered to the order's owner by DM (send-customer-message.ts checks
  // whose): test/customer-messages/delivery-message-flow.test.ts presses them.
  'action:custmsg.edit',
  'action:custmsg.send',
  'view:custmsg.edit_form',
  'view:custmsg.preview_form',
  // Under a nudge, which the scheduler sends: test/nudges/nudges-flow.test.ts presses them.
  'action:nudge.snooze_1d',
  'action:nudge.snooze_3d',
  'action:rules.delete',
  // Inside the rule modal, like Delete: rules-flow.test.ts presses it; it only redraws the form.
  'action:rules.remove_step',
  'view:rules.save',
  'view:customer_save',
  'view:product_save',
  // On a manager's Home and the form it opens: test/summaries/summary-flow.test.ts.
  'action:home.summary_settings',
  'view:summary_settings',
  'action:settings.page.previous',
  'action:settings.page.next',
  'action:settings.add_department',
  'action:settings.edit_department',
  'action:settings.pick_person',
  // Inside the Settings modal: test/settings/settings-flow.test.ts saves it as an admin and as a member.
  'action:settings.edit_channels',
  'view:settings_department',
  'view:settings_person',
  'view:settings_channels',
  'event:app_home_opened',
  'action:home.more',
  'action:home.previous',
  // Open on a Home entry: the whole workspace may read an order (as /order show); home-flow presses it.
  'action:home.open',
];

const commandProbes: Probe[] = [
  { id: 'command:/order', press: command('help') },
  { id: 'command:/order new', press: command('new') },
  { id: 'command:/order show', press: command('show SO-2026-000001') },
  { id: 'command:/order list', press: command('list') },
  { id: 'command:/order status', press: command('status SO-2026-000001') },
  { id: 'command:/order queue', press: command('queue') },
  { id: 'command:/order remind', press: command('remind SO-2026-000001 in 2h check the drawings') },
  { id: 'command:/order reminders', press: command('reminders') },
  // Which department's figures a member sees: test/reports/report-flow.test.ts.
  { id: 'command:/order report', press: command('report today') },
  { id: 'command:/order rules', press: command('rules') },
  { id: 'command:/order customer add', press: command('customer add') },
  { id: 'command:/order customer edit', press: command('customer edit ACME') },
  { id: 'command:/order customer show', press: command('customer show ACME') },
  { id: 'command:/order product add', press: command('product add') },
  { id: 'command:/order product edit', press: command('product edit WIDGET-A') },
  { id: 'command:/order product show', press: command('product show WIDGET-A') },
  { id: 'command:/order forecast', press: command('forecast product WIDGET-A weeks 2') },
  { id: 'command:/order grant', press: command('grant <@U0NOBODY|nobody> viewer') },
  { id: 'command:/order revoke', press: command('revoke <@U0NOBODY|nobody> viewer') },
  { id: 'command:/order setup', press: command('setup') },
  { id: 'command:/order settings', press: command('settings') },
  { id: 'command:/order problem', press: command('problem SO-2026-000001') },
  { id: 'command:/order problems', press: command('problems') },
  { id: 'command:/order change', press: command('change SO-2026-000001') },
  // Without a reason: an admin is asked for one, nothing is cancelled.
  { id: 'command:/order cancel', press: command('cancel SO-2026-000001') },
  { id: 'command:/order history', press: command('history SO-2026-000001') },
  // Without a reason: an admin gets the hold form.
  { id: 'command:/order hold', press: command('hold SO-2026-000001') },
  // Not on hold: an admin is told there is nothing to release.
  { id: 'command:/order release', press: command('release SO-2026-000001') },
];

const pressProbes: Probe[] = [
  {
    id: 'action:step.accept',
    card: 'production',
    async press(user) {
      await toAccept.ready();
      const seen = await onCard('production', toAccept.number, 'step.accept')(user);
      if (!seen.refused) toAccept.usedUp();
      return seen;
    },
  },
  {
    id: 'action:step.progress',
    card: 'production',
    press: onCard('production', () => started.production, 'step.progress'),
  },
  {
    id: 'action:step.reassign',
    card: 'production',
    press: onCard('production', () => started.production, 'step.reassign'),
  },
  {
    id: 'action:step.problem',
    card: 'production',
    press: onCard('production', () => started.production, 'step.problem'),
  },
  {
    id: 'action:step.ship',
    card: 'logistics',
    press: onCard('logistics', () => started.logistics, 'step.ship'),
  },
  {
    id: 'action:step.fail',
    card: 'qa',
    press: onCard('qa', () => started.inspected, 'step.fail'),
  },
  { id: 'action:order.request_change', press: onOwnCard(() => started.production, 'order.request_change') },
  { id: 'action:order.cancel', press: onOwnCard(() => started.production, 'order.cancel') },
  { id: 'action:order.hold', press: onOwnCard(() => started.production, 'order.hold') },
  usingUp('action:order.release', toRelease, (number) => onOwnCard(number, 'order.release')),
  usingUp(
    'action:exception.acknowledge',
    toAcknowledge,
    (number) => onProblem(number, 'exception.acknowledge'),
    'production',
  ),
  {
    id: 'action:exception.resolve',
    card: 'production',
    press: onProblem(() => started.problem, 'exception.resolve'),
  },
  { id: 'action:credit_hold.reject', press: onCard('finance', () => started.held, 'credit_hold.reject') },
  {
    id: 'action:credit_hold.approve',
    async press(user) {
      await toApprove.ready();
      const seen = await onCard('finance', toApprove.number, 'credit_hold.approve')(user);
      if (!seen.refused) toApprove.usedUp();
      return seen;
    },
  },
  {
    id: 'action:orders.list.more',
    press: (user) =>
      seenAfter(user, () => {
        const list = flow.slack.workspace
          .ephemerals({ user: people.admin })
          .find((e) => e.ts === state.moreList);
        if (!list) throw new Error('no order list');
        return flow.driver.clickButton(user, { ephemeral: list, action_id: 'orders.list.more' });
      }),
  },
  {
    id: 'action:rules.edit',
    press: (user) =>
      seenAfter(user, () => {
        const list = flow.slack.workspace
          .ephemerals({ user: people.admin })
          .find((e) => e.ts === state.rulesList);
        if (!list) throw new Error('no rules list');
        return flow.driver.clickButton(user, { ephemeral: list, action_id: 'rules.edit' });
      }),
  },
  {
    id: 'action:rules.add',
    press: (user) =>
      seenAfter(user, () => {
        const list = flow.slack.workspace
          .ephemerals({ user: people.admin })
          .find((e) => e.ts === state.rulesList);
        if (!list) throw new Error('no rules list');
        return flow.driver.clickButton(user, { ephemeral: list, action_id: 'rules.add' });
      }),
  },
  {
    id: 'action:home.settings',
    press: (user) =>
      seenAfter(user, () =>
        flow.driver.clickButton(user, { view: state.adminHomeId, action_id: 'home.settings' }),
      ),
  },
  {
    id: 'action:home.new_order',
    press: (user) =>
      seenAfter(user, () =>
        flow.driver.clickButton(user, { view: state.adminHomeId, action_id: 'home.new_order' }),
      ),
  },
  {
    id: 'action:home.customer',
    press: (user) =>
      seenAfter(user, () =>
        flow.driver.selectInView(user, state.adminHomeId, {
          block_id: homeCustomerPicker(),
          action_id: 'home.customer',
          value: 'ACME',
        }),
      ),
  },
  {
    id: 'options:home.customer',
    silent: true,
    async press(user) {
      const res = await flow.driver.suggest(
        user,
        state.adminHomeId,
        'home.customer',
        homeCustomerPicker(),
        'ac',
      );
      const options = (res.body as { options?: unknown[] }).options ?? [];
      return { refused: options.length === 0, text: JSON.stringify(res.body) };
    },
  },
  {
    id: 'shortcut:order_new_shortcut',
    press: (user) => seenAfter(user, () => flow.driver.globalShortcut(user, 'order_new_shortcut')),
  },
  {
    id: 'action:order_modal.add_line',
    silent: true,
    async press(user) {
      const id = await adminOrderModal();
      const before = flow.slack.views.find(id)?.view.hash;
      await flow.driver.clickButton(user, { view: id, action_id: 'order_modal.add_line' });
      const grown = await eventually(() => flow.slack.views.find(id)?.view.hash !== before, 'a new line', 500)
        .then(() => true)
        .catch(() => false);
      return { refused: !grown, text: grown ? 'the form has one more line' : 'the form is as it was' };
    },
  },
  ...(['customer', 'product'] as const).map(
    (field): Probe => ({
      id: `options:${field}`,
      silent: true,
      async press(user) {
        const res = await flow.driver.suggest(
          user,
          await adminOrderModal(),
          field,
          field,
          field === 'customer' ? 'ac' : 'wid',
        );
        const options = (res.body as { options: unknown[] }).options;
        return { refused: options.length === 0, text: JSON.stringify(options) };
      },
    }),
  ),
];

/** A press that moves the step on, on a fresh order each time someone may press it. */
function stepMove(id: 'action:step.start' | 'action:step.done', before: [string, string][]): Probe {
  const order = consumable(() => orderAt(before));
  return {
    id,
    card: 'production',
    async press(user) {
      await order.ready();
      const seen = await onCard('production', order.number, id.slice('action:'.length))(user);
      if (!seen.refused) order.usedUp();
      return seen;
    },
  };
}

/**
 * A form submitted as `user`: the admin opens it (again, once a submission closed it), and the
 * person sends it back as Slack would, filled in.
 */
function formProbe(
  id: PermissionId,
  open: () => Promise<string>,
  values: Record<string, Record<string, unknown>>,
  card?: string,
): Probe {
  let viewId = '';
  return {
    id,
    ...(card ? { card } : {}),
    async press(user) {
      if (!viewId || !flow.slack.views.find(viewId)) viewId = await open();
      return seenAfter(user, () => flow.driver.submitView(user, viewId, values));
    },
  };
}

/** The admin presses a button on a card, and the modal it opens. */
async function adminOpens(channel: string, number: string, actionId: string): Promise<string> {
  const before = flow.slack.views.top(people.admin);
  await flow.driver.clickButton(people.admin, {
    message: { channel, ts: cardOf(channel, number)?.ts ?? '' },
    action_id: actionId,
  });
  return (await openModal(flow, people.admin, before)).id;
}

/** The admin presses a button on the problems card of an order in #production, and the modal it opens. */
async function adminOpensProblem(number: string, actionId: string): Promise<string> {
  const channel = channels.production ?? '';
  const before = flow.slack.views.top(people.admin);
  await flow.driver.clickButton(people.admin, {
    message: { channel, ts: problemCard(channel, number)?.ts ?? '' },
    action_id: actionId,
  });
  return (await openModal(flow, people.admin, before)).id;
}

const formProbes: Probe[] = [
  formProbe(
    'view:step.fail_details',
    () => adminOpens(channels.qa ?? '', started.inspected, 'step.fail'),
    { what: { what: 'Gear teeth' }, severity: { severity: 'low' }, description: { description: 'Burrs' } },
    'qa',
  ),
  // Each allowed submission holds its order: the next form is for a fresh one.
  formProbe('view:hold.form', async () => adminOpens(adminDm(), await placeOrder(flow), 'order.hold'), {
    kind: { kind: 'manual' },
    reason: { reason: 'waiting for the drawings' },
  }),
  // Each allowed submission resolves its problem: the next form is for a fresh one.
  formProbe(
    'view:exception.resolve_details',
    async () => adminOpensProblem(await withProblem(), 'exception.resolve'),
    { cause: { cause: 'Old drawing' }, action: { action: 'Sent the new one' } },
    'production',
  ),
  stepMove('action:step.start', [['production', 'step.accept']]),
  stepMove('action:step.done', [
    ['production', 'step.accept'],
    ['production', 'step.start'],
  ]),
  formProbe(
    'view:step.progress_details',
    () => adminOpens(channels.production ?? '', started.production, 'step.progress'),
    { percent: { percent: '40' } },
    'production',
  ),
  formProbe(
    'view:step.ship_details',
    async () => {
      const number = await orderAt([
        ['production', 'step.accept'],
        ['production', 'step.start'],
        ['production', 'step.done'],
        ['logistics', 'step.accept'],
        ['logistics', 'step.start'],
      ]);
      return adminOpens(channels.logistics ?? '', number, 'step.ship');
    },
    {
      carrier: { carrier: 'DHL' },
      tracking: { tracking: 'JD0140' },
      expected: { expected: '2026-12-19' },
    },
    'logistics',
  ),
  formProbe(
    'view:credit_hold.reject_reason',
    async () => adminOpens(finance.channel, await heldOrder(), 'credit_hold.reject'),
    { reason: { reason: 'too much owed already' } },
  ),
  formProbe(
    'view:order_new',
    async () => {
      const before = flow.slack.views.top(people.admin);
      await flow.driver.command(people.admin, 'new');
      return (await openModal(flow, people.admin, before)).id;
    },
    acmeOrder([{ product: 'WIDGET-A', quantity: '2' }]),
  ),
];

describe('every command, subcommand, button and search, pressed as every role, does what the table says', () => {
  beforeAll(async () => {
    started.production = await orderAt([
      ['production', 'step.accept'],
      ['production', 'step.start'],
    ]);
    started.logistics = await orderAt([
      ['production', 'step.accept'],
      ['production', 'step.start'],
      ['production', 'step.done'],
      ['logistics', 'step.accept'],
      ['logistics', 'step.start'],
    ]);
    started.held = await heldOrder();
    started.inspected = await atInspection();
    started.problem = await withProblem();
    await flow.driver.command(people.admin, 'list');
    state.moreList = (
      await eventually(() => flow.slack.workspace.ephemerals({ user: people.admin }).at(-1), 'the list')
    ).ts;
    await flow.driver.command(people.admin, 'rules');
    state.rulesList = (
      await eventually(() => flow.slack.workspace.ephemerals({ user: people.admin }).at(-1), 'the rules')
    ).ts;
    await flow.driver.appHomeOpened(people.admin);
    state.adminHomeId = (await eventually(() => flow.slack.views.home(people.admin), 'the App Home')).id;
  });

  it('presses every row of the table, but for these, whose checks the flows of their features show', () => {
    const pressed = new Set<string>([...commandProbes, ...pressProbes, ...formProbes].map((p) => p.id));
    expect(Object.keys(permissions).filter((id) => !pressed.has(id))).toEqual(notPressedHere);
  });

  const cases = [...commandProbes, ...pressProbes, ...formProbes].flatMap((probe) =>
    personas.map((persona) => ({
      probe,
      persona,
      refusal: refusalFor(permissions[probe.id], persona, probe.card),
    })),
  );

  it.each(cases)('$probe.id as $persona.name → refused: "$refusal"', async ({ probe, persona, refusal }) => {
    waitForWords = refusal !== null && !probe.silent;
    const seen = await probe.press(persona.userId);
    expect(seen.refused, seen.text).toBe(refusal !== null);
    if (refusal && !probe.silent) expect(seen.text).toContain(refusal);
  });
});
