import { desc } from 'drizzle-orm';
import { expect } from 'vitest';
import { departments, orders, people as peopleTable } from '../../src/db/schema.ts';
import type { FakeMessage } from '../../src/sandbox/fake-slack/index.ts';
import { type Flow, people } from './flow.ts';
import { acmeOrder, eventually, openModal } from './intake-world.ts';

type DepartmentValues = typeof departments.$inferInsert;

/** A department with its channel in the fake workspace and its members in the people table. */
export async function aDepartment(
  flow: Flow,
  values: DepartmentValues & { channelId: string },
  members: readonly string[],
) {
  flow.slack.addChannel({ id: values.channelId, name: values.key, is_member: true });
  const [dept] = await flow.database.db.insert(departments).values(values).returning();
  for (const id of members) {
    flow.slack.addUser({ id, name: id.toLowerCase() });
    await flow.database.db
      .insert(peopleTable)
      .values({ slackUserId: id, roles: ['member'], departmentId: dept?.id, updatedAt: new Date() });
  }
  return dept;
}

/** The admin places an ACME order through the modal; its number, once the outbox has been sent. */
export async function placeOrder(
  flow: Flow,
  lines: Parameters<typeof acmeOrder>[0] = [{ product: 'WIDGET-A', quantity: '2' }],
  paymentMethod = 'net30',
): Promise<string> {
  const before = flow.slack.views.top(people.admin);
  await flow.driver.command(people.admin, 'new');
  const view = await openModal(flow, people.admin, before);
  const values = { ...acmeOrder(lines), payment_method: { payment_method: paymentMethod } };
  let res = await flow.driver.submitView(people.admin, view, values);
  // On a loaded machine the intake's deadline may pass first: the admin is told to press Submit
  // again, and does, as a person would (nothing was stored the first time).
  if (JSON.stringify(res.body).includes('Press Submit again'))
    res = await flow.driver.submitView(people.admin, view, values);
  expect(res.body).toBe('');
  await flow.drainOutbox();
  const [latest] = await flow.database.db.select().from(orders).orderBy(desc(orders.id)).limit(1);
  return latest?.number ?? '';
}

/** The order's card in a channel (not its thread replies). */
export const cardIn = (flow: Pick<Flow, 'slack'>, channel: string, number: string) =>
  flow.slack
    .messages(channel)
    .find((m) => m.text.startsWith(number) && (!m.thread_ts || m.thread_ts === m.ts));

/** The action ids of the buttons on a card. */
export const buttonsOn = (card: FakeMessage | undefined): string[] =>
  (JSON.stringify(card?.blocks ?? []).match(/"action_id":"step\.[a-z_]+"/g) ?? []).map((m) =>
    m.slice('"action_id":"'.length, -1),
  );

/** A person presses a button on the order's card in a channel; returns once its effects are sent. */
export async function press(flow: Flow, user: string, channel: string, number: string, actionId: string) {
  const card = cardIn(flow, channel, number);
  if (!card) throw new Error(`no card for ${number} in ${channel}`);
  const before = flow.slack.calls.length;
  const told = flow.slack.workspace.ephemerals({ user }).length;
  await flow.driver.clickButton(user, { message: { channel, ts: card.ts }, action_id: actionId });
  // The bot acknowledges first and works after; wait for its writes, then send what they queued.
  await eventually(async () => {
    await flow.drainOutbox();
    return flow.slack.calls.length > before || flow.slack.workspace.ephemerals({ user }).length > told;
  }, `${actionId} to take effect`);
  await flow.drainOutbox();
}

/** Logistics accepts and starts the order's step, then ships it with DHL; returns the form's answer. */
export async function shipOrder(
  flow: Flow,
  logistics: { member: string; channelId: string },
  number: string,
  expected: string,
) {
  const { member, channelId } = logistics;
  await press(flow, member, channelId, number, 'step.accept');
  await press(flow, member, channelId, number, 'step.start');
  const before = flow.slack.views.top(member);
  await flow.driver.clickButton(member, {
    message: { channel: channelId, ts: cardIn(flow, channelId, number)?.ts ?? '' },
    action_id: 'step.ship',
  });
  const modal = await openModal(flow, member, before);
  const answer = await flow.driver.submitView(member, modal, {
    carrier: { carrier: 'DHL' },
    tracking: { tracking: 'JD0140' },
    expected: { expected },
  });
  await flow.drainOutbox();
  return answer;
}

/** What `user` was told privately last, after `act` (a press, a command). */
export async function toldAfter(flow: Flow, user: string, act: () => Promise<unknown>): Promise<string> {
  const told = flow.slack.workspace.ephemerals({ user }).length;
  await act();
  const all = await eventually(() => {
    const now = flow.slack.workspace.ephemerals({ user });
    return now.length > told ? now : null;
  }, `an answer for ${user}`);
  return all.at(-1)?.text ?? '';
}
