import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationRules, assignments, departments, exceptions, orders } from '../../src/db/schema.ts';
import type { StateInput } from '../../src/sandbox/view-state.ts';
import { aDepartment, buttonsOn, cardIn, placeOrder, press, toldAfter } from '../support/department-world.ts';
import { type Flow, startFlow } from '../support/flow.ts';
import { openModal, seedIntakeWorld } from '../support/intake-world.ts';
import { deliverAgain, filledIn } from '../support/redelivery.ts';

const production = { channelId: 'C0PROD', ann: 'U0ANN' } as const;
const qa = { channelId: 'C0QA', quinn: 'U0QUINN' } as const;

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  await aDepartment(flow, { key: 'production', name: 'Production', channelId: production.channelId }, [
    production.ann,
  ]);
  await aDepartment(flow, { key: 'qa', name: 'QA', channelId: qa.channelId }, [qa.quinn]);
  await aDepartment(flow, { key: 'logistics', name: 'Logistics', channelId: 'C0LOGI' }, ['U0LOU']);
  const step = (department: string) => ({ department, pick: 'round_robin' });
  await flow.database.db.insert(allocationRules).values({
    position: 1,
    name: 'everything is inspected',
    conditions: {},
    route: [step('production'), step('qa'), step('logistics')],
    updatedAt: new Date(),
  });
});
afterAll(() => flow.stop());

const blocksOf = (m: { blocks?: unknown } | undefined) => JSON.stringify(m?.blocks ?? []);
const orderNamed = async (number: string) => {
  const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
  if (!order) throw new Error(`no order ${number}`);
  return order;
};
const qaStepOf = async (number: string) => {
  const order = await orderNamed(number);
  const steps = await flow.database.db
    .select({ step: assignments, key: departments.key })
    .from(assignments)
    .innerJoin(departments, eq(departments.id, assignments.departmentId))
    .where(eq(assignments.orderId, order.id));
  const found = steps.find((s) => s.key === 'qa')?.step;
  if (!found) throw new Error(`no QA step on ${number}`);
  return found;
};
const problemsOf = async (number: string) =>
  flow.database.db
    .select({ exception: exceptions, owner: departments.key })
    .from(exceptions)
    .innerJoin(departments, eq(departments.id, exceptions.departmentId))
    .where(eq(exceptions.orderId, (await orderNamed(number)).id));

const click = (user: string, channel: string, ts: string, actionId: string) =>
  flow.driver.clickButton(user, { message: { channel, ts }, action_id: actionId });

/** An order production has finished; QA has started inspecting it. */
async function underInspection(): Promise<string> {
  const number = await placeOrder(flow);
  for (const action of ['step.accept', 'step.start', 'step.done'])
    await press(flow, production.ann, production.channelId, number, action);
  await press(flow, qa.quinn, qa.channelId, number, 'step.accept');
  await press(flow, qa.quinn, qa.channelId, number, 'step.start');
  return number;
}

/** QA fails the inspection with `values`: the form and the answer to it. */
async function failInspection(number: string, values: StateInput) {
  const before = flow.slack.views.top(qa.quinn);
  await click(qa.quinn, qa.channelId, cardIn(flow, qa.channelId, number)?.ts ?? '', 'step.fail');
  const form = await openModal(flow, qa.quinn, before);
  const res = await flow.driver.submitView(qa.quinn, form, values);
  await flow.drainOutbox();
  return { form, res };
}

/** Someone of production resolves the order's open problem from its card in #production. */
async function resolveInProduction(number: string) {
  const card = flow.slack
    .messages(production.channelId)
    .find((m) => m.text.startsWith(`:warning: Problem · ${number}`) && !m.thread_ts);
  const before = flow.slack.views.top(production.ann);
  await click(production.ann, production.channelId, card?.ts ?? '', 'exception.resolve');
  const form = await openModal(flow, production.ann, before);
  const res = await flow.driver.submitView(production.ann, form, {
    cause: { cause: 'Wrong filler wire' },
    action: { action: 'Seams rewelded' },
  });
  expect(res.body).toBe('');
  await flow.drainOutbox();
}

describe('QA fails an inspection: a quality problem for production, and no “ready to ship” until the rework passes', () => {
  let number = '';

  it('production’s Done does not make the order ready while QA inspects; QA’s card offers Done and Fail', async () => {
    number = await underInspection();
    expect((await orderNamed(number)).status).toBe('in_production');
    expect(blocksOf(cardIn(flow, qa.channelId, number))).not.toContain('ready to ship');
    expect(buttonsOn(cardIn(flow, qa.channelId, number)).slice(0, 2)).toEqual(['step.done', 'step.fail']);
    const ts = cardIn(flow, qa.channelId, number)?.ts ?? '';
    expect(
      await toldAfter(flow, production.ann, () => click(production.ann, qa.channelId, ts, 'step.fail')),
    ).toContain('Only members of QA, its manager or an admin can work on its orders.');
  });

  it('Fail asks what failed, how badly and what is wrong, then raises one quality problem owned by production', async () => {
    const { form, res } = await failInspection(number, { what: { what: ' ' } });
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: { what: 'Say what failed.', severity: 'Pick a severity.', description: 'Say what is wrong.' },
    });
    const values = {
      what: { what: 'Weld seams' },
      severity: { severity: 'medium' },
      description: { description: 'Porosity on 3 of 8 seams' },
    };
    const filled = filledIn(flow.slack.views.find(form.id)?.view ?? form, values);
    expect((await flow.driver.submitView(qa.quinn, form, values)).body).toBe('');
    // Slack delivers the same submission again: still one problem.
    expect((await deliverAgain(flow, qa.quinn, filled)).body).toBe('');
    await flow.drainOutbox();
    const problems = await problemsOf(number);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      owner: 'production',
      exception: {
        type: 'quality_problem',
        severity: 'medium',
        description: 'QA failed: Weld seams — Porosity on 3 of 8 seams',
        failedStepId: (await qaStepOf(number)).id,
      },
    });
    expect(
      flow.slack
        .messages(production.channelId)
        .some((m) => m.text.startsWith(`:warning: Problem · ${number}`)),
    ).toBe(true);
    expect(blocksOf(cardIn(flow, qa.channelId, number))).toContain('open problem');
    expect(blocksOf(cardIn(flow, qa.channelId, number))).toContain('failed, waiting for the rework');
  });

  it('the inspection stays open and its Done is refused while the problem is open', async () => {
    expect((await qaStepOf(number)).status).toBe('started');
    const ts = cardIn(flow, qa.channelId, number)?.ts ?? '';
    expect(await toldAfter(flow, qa.quinn, () => click(qa.quinn, qa.channelId, ts, 'step.done'))).toContain(
      `${number} failed this inspection and the medium quality problem is not resolved yet.`,
    );
    expect((await orderNamed(number)).status).toBe('in_production');
  });

  it('production resolves it; the rework passes QA, and only then is the order ready to ship', async () => {
    await resolveInProduction(number);
    expect((await orderNamed(number)).status).toBe('in_production');
    expect(blocksOf(cardIn(flow, qa.channelId, number))).not.toContain('failed, waiting for the rework');
    await press(flow, qa.quinn, qa.channelId, number, 'step.done');
    expect((await orderNamed(number)).status).toBe('ready');
    expect(blocksOf(cardIn(flow, qa.channelId, number))).toContain('ready to ship');
  });
});

describe('a critical failure holds the order', () => {
  it('the hold names the problem and QA’s card waits; resolving releases it and QA passes the rework', async () => {
    const number = await underInspection();
    const { res } = await failInspection(number, {
      what: { what: 'Dimensions' },
      severity: { severity: 'critical' },
      description: { description: 'Bores 2 mm off' },
    });
    expect(res.body).toBe('');
    expect(await orderNamed(number)).toMatchObject({ status: 'on_hold', holdKind: 'exception' });
    expect(blocksOf(cardIn(flow, qa.channelId, number))).toContain(
      'exception: critical quality problem: QA failed: Dimensions — Bores 2 mm off',
    );
    expect(buttonsOn(cardIn(flow, qa.channelId, number))).toEqual([]);
    await resolveInProduction(number);
    expect((await orderNamed(number)).status).toBe('in_production');
    await press(flow, qa.quinn, qa.channelId, number, 'step.done');
    expect((await orderNamed(number)).status).toBe('ready');
  });
});
