import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { outbox, reportRuns } from '../../src/db/schema.ts';
import { seedDemoData } from '../../src/demo/seed-demo-data.ts';
import { createOrder } from '../../src/orders/create-order.ts';
import { aCustomer, aProduct } from '../support/factories.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually } from '../support/intake-world.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
  // The demo desk: its products and two years and a quarter of orders up to last week.
  await seedDemoData(flow.database.db, { clock: flow.clock, channels: null });
});
afterAll(() => flow.stop());

/** What the person sees: the answer in the ack, or the ones sent later through response_url. */
async function ask(user: string, text: string): Promise<string> {
  const before = flow.slack.workspace.ephemerals({ user }).length;
  const res = await flow.driver.command(user, `forecast ${text}`.trim());
  expect(res.problems).toEqual([]);
  if (res.body !== '') return JSON.stringify(res.body);
  // Every product's forecast takes a while on a busy machine: wait for the answer, not for a second.
  await vi.waitFor(() => expect(flow.slack.workspace.ephemerals({ user }).length).toBeGreaterThan(before), {
    timeout: 20_000,
  });
  return JSON.stringify(flow.slack.workspace.ephemerals({ user }).slice(before));
}

describe('/order forecast: weekly demand from the order lines', () => {
  it('forecasts a product week by week with its 80 % interval, the method chosen and its MASE', async () => {
    const answer = await ask(people.admin, 'product brg-6204-2rs weeks 4');
    expect(answer).toContain('Demand forecast: BRG-6204-2RS Deep-groove ball bearing 6204-2RS');
    expect(answer).toContain('next 4 weeks');
    expect(answer).toContain('80 % interval');
    // Four weeks from the Monday of the week asked in (2026-11-27 is a Friday).
    for (const week of ['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14'])
      expect(answer).toContain(week);
    expect(answer).toMatch(
      /by (simple exponential smoothing|Holt \(damped\)|seasonal naive|Holt-Winters \w+)/,
    );
    expect(answer).toMatch(/MASE \d+\.\d\d \((better than|as good as|worse than) seasonal naive\)/);
  });

  it('sends the product’s forecast chart, with its interval, to the DM as an 800×400 PNG', async () => {
    const before = flow.slack.files.all().length;
    await ask(people.admin, 'product brg-6204-2rs weeks 6');
    await eventually(
      async () =>
        (await flow.database.db.select().from(outbox)).some((r) => r.idempotencyKey.startsWith('forecast:')),
      'the chart queued',
      15_000,
    );
    await flow.drainOutbox();
    const dm = flow.slack.workspace.openIm(people.admin).channel.id;
    const shared = flow.slack.messages(dm).filter((m) => m.files?.length);
    expect(shared.at(-1)?.text).toContain('Forecast chart: Demand forecast, BRG-6204-2RS');
    const [chart] = flow.slack.files.all().slice(before);
    expect(chart?.name).toBe('forecast.png');
    expect(chart?.png).toEqual({ width: 800, height: 400 });
  });

  it('forecasts a spare pump ordered now and then with Croston or SBA', async () => {
    const answer = await ask(people.admin, 'product HYD-PUMP-G16');
    expect(answer).toMatch(/by (Croston|SBA)/);
    expect(answer).toContain('intermittent demand');
  });

  it('sums a category’s products into one forecast', async () => {
    expect(await ask(people.admin, 'category fasteners weeks 2')).toContain(
      'Demand forecast: category fasteners',
    );
  });

  it('lists the largest forecasts of the whole catalogue, answered after the acknowledgement', async () => {
    const answer = await ask(people.admin, '');
    expect(answer).toContain('Demand forecast, next 8 weeks: the 10 largest');
    expect(answer).toMatch(/\d+ products forecast/);
  });

  it('suggests the closest SKU or category for a typo, and says the range of weeks', async () => {
    expect(await ask(people.admin, 'product BRG-6204-2R')).toContain(
      'There is no product \\"BRG-6204-2R\\". Did you mean *BRG-6204-2RS*',
    );
    expect(await ask(people.admin, 'category bearing')).toContain('Did you mean *bearings*?');
    expect(await ask(people.admin, 'weeks 40')).toContain('weeks must be between 1 and 26');
    expect(await ask(people.admin, 'weeks soon')).toContain('weeks must be a whole number');
    expect(await ask(people.admin, 'product')).toContain('\\"product\\" needs a value after it');
    expect(await ask(people.admin, 'tomorrow please')).toContain('\\"tomorrow\\" is not understood');
  });

  it('says plainly when a product has no orders, or too few weeks of them', async () => {
    const db = flow.database.db;
    const fresh = await aProduct(db, { sku: 'NEW-WIDGET' });
    expect(await ask(people.admin, 'product NEW-WIDGET')).toContain('No orders in the last three years');

    flow.clock.set('2026-11-18T10:00:00Z');
    await createOrder(flow.desk.ctx, {
      customerId: (await aCustomer(db, { code: 'NEWCO' })).id,
      deliveryDate: '2026-12-20',
      paymentMethod: 'net30',
      ownerId: people.admin,
      lines: [{ productId: fresh.id, spec: '', quantity: 5, unitPriceCents: 1000 }],
    });
    flow.clock.set('2026-11-27T09:00:00Z');
    expect(await ask(people.admin, 'product NEW-WIDGET')).toContain(
      'Too little history: orders in 1 week since the first one; a forecast needs at least 26.',
    );
  });

  it('is refused to someone without a role, and the same question twice gives the same answer', async () => {
    expect(await ask(people.dana, 'product BRG-6204-2RS')).toContain('Only');
    expect(await ask(people.admin, 'product BRG-6204-2RS weeks 3')).toBe(
      await ask(people.admin, 'product BRG-6204-2RS weeks 3'),
    );
  });

  it('waits while the person’s report or forecast is still being made: one heavy question at a time', async () => {
    const db = flow.database.db;
    await db.insert(reportRuns).values({ userId: people.admin, startedAt: flow.clock.now() });
    expect(await ask(people.admin, 'product BRG-6204-2RS')).toContain(
      'Your last report or forecast is still being made',
    );

    await db.delete(reportRuns);
    expect(await ask(people.admin, 'product BRG-6204-2RS')).toContain('Demand forecast');
    // The slot is given back once the answer is out (the answer can reach Slack first), so the
    // next question is taken.
    await eventually(async () => (await db.select().from(reportRuns)).length === 0, 'the slot given back');
    expect(await ask(people.admin, 'weeks 2')).toContain('Demand forecast, next 2 weeks');
  });
});
