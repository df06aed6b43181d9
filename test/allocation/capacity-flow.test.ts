import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../../src/db/schema.ts';
import { aDepartment, cardIn, placeOrder } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { seedIntakeWorld } from '../support/intake-world.ts';

// Today is 2026-11-27 on the flow's clock; ACME orders are due 2026-12-20: 24 days of capacity.
const production = { channelId: 'C0PROD', member: 'U0PA' } as const;

let flow: Flow;
let risky = '';
beforeAll(async () => {
  flow = await startFlow();
  await seedIntakeWorld(flow);
  await aDepartment(
    flow,
    {
      key: 'production',
      name: 'Production',
      channelId: production.channelId,
      dailyCapacity: 10,
      capacityUnit: 'units',
    },
    [production.member],
  );
  await aDepartment(flow, { key: 'logistics', name: 'Logistics', channelId: 'C0LOGI', dailyCapacity: 20 }, [
    'U0LOG',
  ]);
});
afterAll(() => flow.stop());

const statusOf = async (number: string) =>
  (await flow.database.db.select().from(orders).where(eq(orders.number, number)))[0]?.status;
const dmTexts = () =>
  flow.slack.messages(flow.slack.workspace.openIm(people.admin).channel.id).map((m) => m.text);

describe('capacity: an order production cannot finish by its delivery date', () => {
  it('an order that fits production’s 10 units a day is allocated without a flag', async () => {
    const number = await placeOrder(flow, [{ product: 'WIDGET-A', quantity: '40' }]);
    expect(await statusOf(number)).toBe('allocated');
    expect(JSON.stringify(cardIn(flow, production.channelId, number)?.blocks)).not.toContain('Capacity risk');
  });

  it('250 more units due in 24 days are still allocated, flagged with the first date they fit, on the card and to the owner', async () => {
    const number = await placeOrder(flow, [{ product: 'WIDGET-A', quantity: '250' }]);
    risky = number;
    expect(await statusOf(number)).toBe('allocated');
    // 40 + 250 units at 10 a day take 29 days: from 2026-11-27, the 29th day is 2026-12-25.
    const risk = 'Production can fit it by 2026-12-25, after its delivery date 2026-12-20.';
    expect(JSON.stringify(cardIn(flow, production.channelId, number)?.blocks)).toContain(
      `*Capacity risk*: ${risk}`,
    );
    expect(dmTexts()).toContain(`:warning: ${number}: *Capacity risk*: ${risk}`);
    const status = await flow.driver.command(people.admin, `status ${number}`);
    expect(JSON.stringify(status.body)).toContain(risk);
  });

  it('logistics, counting orders, has room for it: the flag names production only', () => {
    const card = JSON.stringify(cardIn(flow, production.channelId, risky)?.blocks);
    expect(card).toContain('Production can fit it');
    expect(card).not.toContain('Logistics can fit');
  });
});
