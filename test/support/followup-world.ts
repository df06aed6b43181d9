import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { customers, orders } from '../../src/db/schema.ts';
import { aDepartment, placeOrder, press, shipOrder } from './department-world.ts';
import type { Flow } from './flow.ts';
import { seedIntakeWorld } from './intake-world.ts';

export const production = { channelId: 'C0PROD', member: 'U0PAM' } as const;
export const logistics = { channelId: 'C0LOGI', member: 'U0LOU' } as const;
/** ACME's account owner: the contact the follow-up names. */
export const acmeContact = 'U0CARL';

/** The intake world, ACME with its contact, and production and logistics to work orders through. */
export async function seedFollowUpWorld(flow: Flow) {
  await seedIntakeWorld(flow);
  flow.slack.addUser({ id: acmeContact, name: 'carl' });
  await flow.database.db
    .update(customers)
    .set({ accountOwnerId: acmeContact })
    .where(eq(customers.code, 'ACME'));
  await aDepartment(flow, { key: 'production', name: 'Production', channelId: production.channelId }, [
    production.member,
  ]);
  await aDepartment(flow, { key: 'logistics', name: 'Logistics', channelId: logistics.channelId }, [
    logistics.member,
  ]);
}

export const statusOf = async (flow: Flow, number: string) =>
  (await flow.database.db.select().from(orders).where(eq(orders.number, number)))[0]?.status;

/** An order placed by the admin, made, shipped and marked delivered by the departments, at the clock's time. */
export async function aDeliveredOrder(flow: Flow): Promise<string> {
  const number = await placeOrder(flow);
  for (const id of ['step.accept', 'step.start', 'step.done'])
    await press(flow, production.member, production.channelId, number, id);
  await shipOrder(flow, logistics, number, '2026-12-19');
  await press(flow, logistics.member, logistics.channelId, number, 'step.delivered');
  expect(await statusOf(flow, number)).toBe('delivered');
  return number;
}
