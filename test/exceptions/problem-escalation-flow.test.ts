import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignments,
  customerMessages,
  customers,
  deskChannels,
  exceptions,
  orders,
  people as peopleTable,
  scheduledJobs,
} from '../../src/db/schema.ts';
import { aDepartment, cardIn, placeOrder, press, toldAfter } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually, openModal, seedIntakeWorld } from '../support/intake-world.ts';

const production = { channelId: 'C0PROD', ann: 'U0ANN', manager: 'U0PMGR' } as const;
const exceptionsChannel = 'C0EXCEPT';
/** ACME's Slack Connect channel, shared with the customer. */
const acmeConnect = 'C0ACMESHARED';
/** A manager of no department in particular. */
const max = 'U0MAX';

let flow: Flow;
let productionId = 0;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  const db = flow.database.db;
  const dept = await aDepartment(
    flow,
    { key: 'production', name: 'Production', channelId: production.channelId, managerId: production.manager },
    [production.ann],
  );
  productionId = dept?.id ?? 0;
  await aDepartment(flow, { key: 'logistics', name: 'Logistics', channelId: 'C0LOGI' }, ['U0LOU']);
  for (const id of [production.manager, max]) {
    flow.slack.addUser({ id, name: id.toLowerCase() });
    await db.insert(peopleTable).values({ slackUserId: id, roles: ['manager'], updatedAt: new Date() });
  }
  flow.slack.addChannel({ id: exceptionsChannel, name: 'exceptions', is_member: true });
  flow.slack.addChannel({ id: acmeConnect, name: 'acme-shared', is_member: true });
  await db.update(customers).set({ connectChannelId: acmeConnect }).where(eq(customers.code, 'ACME'));
  await db
    .insert(deskChannels)
    .values({ purpose: 'exceptions', channelName: 'exceptions', channelId: exceptionsChannel });
});
afterAll(() => flow.stop());

const dmOf = (user: string) => flow.slack.workspace.openIm(user).channel.id;
const dmsTo = (user: string) => flow.slack.messages(dmOf(user)).map((m) => m.text);
const escalationsTo = (user: string) => dmsTo(user).filter((t) => t.startsWith(':rotating_light:'));
const blocksOf = (m: { blocks?: unknown } | undefined) => JSON.stringify(m?.blocks ?? []);
const problemCard = (channel: string, number: string) =>
  flow.slack
    .messages(channel)
    .find((m) => m.text.startsWith(`:warning: Problem · ${number}`) && !m.thread_ts);
const threadOf = (channel: string, number: string) =>
  flow.slack.workspace.replies(channel, cardIn(flow, channel, number)?.ts ?? '').map((m) => m.text);
const orderOf = async (number: string) =>
  (await flow.database.db.select().from(orders).where(eq(orders.number, number)))[0];

async function tickIn(minutes: number) {
  flow.clock.advance(minutes * 60_000);
  await flow.desk.scheduler.tick();
  await flow.drainOutbox();
}

/** A person presses a button on the problems card in a channel. */
async function pressOnProblem(user: string, channel: string, number: string, actionId: string) {
  const card = problemCard(channel, number);
  if (!card) throw new Error(`no problems card for ${number} in ${channel}`);
  const told = flow.slack.workspace.ephemerals({ user }).length;
  const before = flow.slack.views.top(user);
  await flow.driver.clickButton(user, { message: { channel, ts: card.ts }, action_id: actionId });
  return { told, before };
}

async function answerTo(user: string, told: number) {
  const all = await eventually(() => {
    const now = flow.slack.workspace.ephemerals({ user });
    return now.length > told ? now : null;
  }, `an answer for ${user}`);
  return all.at(-1)?.text;
}

describe('a critical quality problem: hold, escalation, acknowledgement, resolution', () => {
  let number = '';

  it('ann reports it from production’s card; the form asks again for what is missing', async () => {
    number = await placeOrder(flow);
    await press(flow, production.ann, production.channelId, number, 'step.accept');
    await press(flow, production.ann, production.channelId, number, 'step.start');
    const before = flow.slack.views.top(production.ann);
    await flow.driver.clickButton(production.ann, {
      message: { channel: production.channelId, ts: cardIn(flow, production.channelId, number)?.ts ?? '' },
      action_id: 'step.problem',
    });
    const form = await openModal(flow, production.ann, before);
    expect(blocksOf(form)).toContain(number);
    const empty = await flow.driver.submitView(production.ann, form, { description: { description: ' ' } });
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: {
        type: 'Pick what kind of problem.',
        severity: 'Pick a severity.',
        description: 'Say what is wrong.',
      },
    });
    const values = {
      type: { type: 'quality_problem' },
      severity: { severity: 'critical' },
      description: { description: 'Weld seams <crack> under load' },
    };
    const res = await flow.driver.submitView(production.ann, form, values);
    expect(res.body).toBe('');
    // Slack delivers the same submission again: still one problem.
    await flow.driver.submitView(production.ann, form, values).catch(() => undefined);
    await flow.drainOutbox();
    expect(await flow.database.db.select().from(exceptions)).toHaveLength(1);
  });

  it('the problems card is in #exceptions and #production; the order is on hold with the problem as its reason', async () => {
    for (const channel of [exceptionsChannel, production.channelId]) {
      const card = blocksOf(problemCard(channel, number));
      expect(card).toContain('critical · Quality problem');
      expect(card).toContain('Weld seams &lt;crack&gt; under load');
      expect(card).toContain('exception.acknowledge');
    }
    const order = await orderOf(number);
    expect(order).toMatchObject({
      status: 'on_hold',
      holdKind: 'exception',
      statusBeforeHold: 'in_production',
    });
    const reason = 'exception: critical quality problem: Weld seams &lt;crack&gt; under load';
    for (const channel of [production.channelId, dmOf(people.admin)]) {
      const card = blocksOf(cardIn(flow, channel, number));
      expect(card).toContain(reason);
      expect(card).toContain(':warning: *open problem*');
      expect(threadOf(channel, number)).toContain(
        `:warning: <@${production.ann}> reported a critical quality problem in Production: Weld seams &lt;crack&gt; under load → *on hold*`,
      );
    }
    const shown = JSON.stringify((await flow.driver.command(people.dana, `show ${number}`)).body);
    expect(shown).toContain(reason);
  });

  it('nobody acknowledges it for 15 minutes: production’s manager gets a DM, recorded on the card', async () => {
    await tickIn(14);
    expect(escalationsTo(production.manager)).toEqual([]);
    await tickIn(1);
    expect(escalationsTo(production.manager)).toEqual([
      `:rotating_light: Nobody in Production has acknowledged a critical quality problem on *${number}* for 15 min: Weld seams &lt;crack&gt; under load. Its card is in <#${production.channelId}>.`,
    ]);
    expect(escalationsTo(max)).toEqual([]);
    expect(blocksOf(problemCard(exceptionsChannel, number))).toContain(
      `Escalated to the manager: <@${production.manager}>`,
    );
  });

  it('at 30 minutes every manager is told, once', async () => {
    await tickIn(15);
    expect(escalationsTo(max)).toHaveLength(1);
    expect(escalationsTo(production.manager)).toHaveLength(2);
    expect(blocksOf(problemCard(exceptionsChannel, number))).toContain('Escalated to all managers');
    await tickIn(60);
    expect(escalationsTo(max)).toHaveLength(1);
  });

  it('a viewer cannot acknowledge it; ann does, and the card says so', async () => {
    const { told } = await pressOnProblem(people.dana, production.channelId, number, 'exception.acknowledge');
    expect(await answerTo(people.dana, told)).toContain('can acknowledge its problems');
    await pressOnProblem(production.ann, production.channelId, number, 'exception.acknowledge');
    await eventually(async () => {
      await flow.drainOutbox();
      return (await flow.database.db.select().from(exceptions))[0]?.status === 'acknowledged';
    }, 'the acknowledgement');
    await flow.drainOutbox();
    expect(blocksOf(problemCard(production.channelId, number))).toContain(
      `Acknowledged by <@${production.ann}>`,
    );
    expect(blocksOf(problemCard(production.channelId, number))).not.toContain('exception.acknowledge');
  });

  it('ann resolves it with a new date: the hold is released, the date moves, the owner is told; resolving again says who did', async () => {
    const second = await pressOnProblem(max, exceptionsChannel, number, 'exception.resolve');
    const maxForm = await openModal(flow, max, second.before);
    const mine = await pressOnProblem(production.ann, production.channelId, number, 'exception.resolve');
    const form = await openModal(flow, production.ann, mine.before);
    const past = await flow.driver.submitView(production.ann, form, {
      cause: { cause: 'Wrong filler wire' },
      action: { action: 'Rewelded with ER70S-6' },
      date: { date: '2026-11-01' },
    });
    expect(past.body).toEqual({ response_action: 'errors', errors: { date: '2026-11-01 is in the past.' } });
    const res = await flow.driver.submitView(production.ann, form, {
      cause: { cause: 'Wrong filler wire' },
      action: { action: 'Rewelded with ER70S-6' },
      date: { date: '2026-12-30' },
    });
    expect(res.body).toBe('');
    await flow.drainOutbox();
    const order = await orderOf(number);
    expect(order).toMatchObject({
      status: 'in_production',
      holdKind: null,
      holdReason: null,
      deliveryDate: '2026-12-30',
    });
    const [step] = await flow.database.db
      .select()
      .from(assignments)
      .where(eq(assignments.orderId, order?.id ?? 0));
    expect(step?.dueOn).toBe('2026-12-30');
    expect(dmsTo(people.admin).join('\n')).toContain(
      `The critical quality problem on *${number}* is resolved by <@${production.ann}>`,
    );
    // The owner is offered a message for the customer when the problem is raised and resolved.
    const drafts = await flow.database.db
      .select({
        reason: customerMessages.reason,
        text: customerMessages.text,
        to: customerMessages.offeredTo,
      })
      .from(customerMessages)
      .where(eq(customerMessages.orderId, order?.id ?? 0));
    expect(drafts.map((d) => d.reason).sort()).toEqual(['exception_raised', 'exception_resolved']);
    const resolved = drafts.find((d) => d.reason === 'exception_resolved');
    expect(resolved?.to).toBe(people.admin);
    expect(resolved?.text).toContain('Wrong filler wire');
    expect(resolved?.text).toContain('2026-12-30');
    const card = blocksOf(cardIn(flow, production.channelId, number));
    expect(card).toContain('2026-12-30');
    expect(card).not.toContain('open problem');
    expect(card).toContain('step.done');
    expect(blocksOf(problemCard(exceptionsChannel, number))).toContain('Resolved by');

    const again = await flow.driver.submitView(max, maxForm, {
      cause: { cause: 'Something else' },
      action: { action: 'Nothing' },
    });
    expect(again.body).toEqual({
      response_action: 'errors',
      errors: { cause: `This problem was already resolved by <@${production.ann}>.` },
    });
    expect(escalationsTo(production.manager)).toHaveLength(2);
  });

  it('the owner sends the resolution’s draft: it is posted once to the customer’s Slack Connect channel', async () => {
    const offer = flow.slack
      .messages(dmOf(people.admin))
      .filter((m) => m.text.startsWith(':speech_balloon:'))
      .at(-1);
    expect(JSON.stringify(offer?.blocks)).toContain('Wrong filler wire');
    const send = () =>
      toldAfter(flow, people.admin, () =>
        flow.driver.clickButton(people.admin, {
          message: { channel: dmOf(people.admin), ts: offer?.ts ?? '' },
          action_id: 'custmsg.send',
        }),
      );
    expect(await send()).toContain(`Sent to <#${acmeConnect}>`);
    // Pressed again (a double click): nothing more is posted.
    await send();
    await flow.drainOutbox();
    const posted = flow.slack.messages(acmeConnect);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.text).toContain('Wrong filler wire');
    expect(posted[0]?.text).toContain('2026-12-30');
  });
});

describe('an SLA that falls due while the bot is down', () => {
  it('escalates once for each step when the scheduler runs again', async () => {
    const number = await placeOrder(flow);
    const before = flow.slack.views.top(people.admin);
    await flow.driver.command(people.admin, `problem ${number}`);
    const form = await openModal(flow, people.admin, before);
    const res = await flow.driver.submitView(people.admin, form, {
      type: { type: 'material_shortage' },
      severity: { severity: 'high' },
      description: { description: 'Steel late' },
      department: { department: String(productionId) },
    });
    expect(res.body).toBe('');
    await flow.drainOutbox();
    expect((await orderOf(number))?.status).toBe('on_hold');
    const managerBefore = escalationsTo(production.manager).length;
    const maxBefore = escalationsTo(max).length;
    // Three hours pass with no instance running; then one starts and ticks.
    flow.clock.advance(3 * 60 * 60_000);
    for (let i = 0; i < 3; i++) {
      await flow.desk.scheduler.tick();
      await flow.drainOutbox();
    }
    expect(escalationsTo(production.manager).length - managerBefore).toBe(2);
    expect(escalationsTo(max).length - maxBefore).toBe(1);
    expect(blocksOf(problemCard(exceptionsChannel, number))).toContain('Escalated to all managers');
  });
});

describe('acknowledged in time', () => {
  it('a medium problem acknowledged before its SLA never escalates, and does not hold the order', async () => {
    const number = await placeOrder(flow);
    const before = flow.slack.views.top(production.ann);
    await flow.driver.command(production.ann, `problem ${number}`);
    const form = await openModal(flow, production.ann, before);
    await flow.driver.submitView(production.ann, form, {
      type: { type: 'production_delay' },
      severity: { severity: 'medium' },
      description: { description: 'Press 3 down for a day' },
      expected: { expected: '2026-12-22' },
    });
    await flow.drainOutbox();
    expect((await orderOf(number))?.status).toBe('allocated');
    await pressOnProblem(production.ann, production.channelId, number, 'exception.acknowledge');
    const job = await eventually(async () => {
      const jobs = await flow.database.db
        .select()
        .from(scheduledJobs)
        .where(eq(scheduledJobs.kind, 'exception.escalate'));
      return jobs.find((j) => j.status === 'cancelled');
    }, 'the escalation to be cancelled');
    expect(job).toBeDefined();
    const managerBefore = escalationsTo(production.manager).length;
    await tickIn(5 * 60);
    expect(escalationsTo(production.manager)).toHaveLength(managerBefore);
  });
});
