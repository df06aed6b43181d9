import { desc } from 'drizzle-orm';
import { expect } from 'vitest';
import { departments, orders, people as peopleTable } from '../../src/db/schema.ts';
import { type Flow, people } from './flow.ts';
import { acmeOrder, openModal } from './intake-world.ts';

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
): Promise<string> {
  const before = flow.slack.views.top(people.admin);
  await flow.driver.command(people.admin, 'new');
  const view = await openModal(flow, people.admin, before);
  const res = await flow.driver.submitView(people.admin, view, acmeOrder(lines));
  expect(res.body).toBe('');
  await flow.drainOutbox();
  const [latest] = await flow.database.db.select().from(orders).orderBy(desc(orders.id)).limit(1);
  return latest?.number ?? '';
}

/** The order's card in a channel (not its thread replies). */
export const cardIn = (flow: Flow, channel: string, number: string) =>
  flow.slack
    .messages(channel)
    .find((m) => m.text.startsWith(number) && (!m.thread_ts || m.thread_ts === m.ts));
