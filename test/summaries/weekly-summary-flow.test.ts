import { and, gte, lt, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { orders, people as peopleTable, summaryPreferences, weeklyInsights } from '../../src/db/schema.ts';
import { seedDemoData } from '../../src/demo/seed-demo-data.ts';
import { jobKinds } from '../../src/job-kinds.ts';
import { placeOrder } from '../support/department-world.ts';
import { type Flow, startFlow } from '../support/flow.ts';
import { seedFollowUpWorld } from '../support/followup-world.ts';
import { seedReportFixture } from '../support/report-fixture.ts';
import { schedulerFor } from '../support/scheduler-world.ts';

const shanghai = 'U0SHAMGR';
const newYork = 'U0NYCMGR';

describe('the weekly manager summary: trends and the forecast’s largest changes', () => {
  let flow: Flow;
  afterEach(() => flow.stop());

  /** Two managers who chose the weekly summary at 08:00, each on their own clock. */
  async function weeklyManagers() {
    flow.slack.addUser({ id: shanghai, name: 'li', tz: 'Asia/Shanghai' });
    flow.slack.addUser({ id: newYork, name: 'nora', tz: 'America/New_York' });
    for (const id of [shanghai, newYork]) {
      await flow.database.db
        .insert(peopleTable)
        .values({ slackUserId: id, roles: ['manager'], updatedAt: flow.clock.now() });
      await flow.database.db
        .insert(summaryPreferences)
        .values({ userId: id, cadence: 'weekly', hour: 8, updatedAt: flow.clock.now() });
    }
  }
  const dmOf = (user: string) => flow.slack.workspace.openIm(user).channel.id;
  const weekliesIn = (channel: string) =>
    flow.slack
      .messages(channel)
      .filter(
        (m) => m.text.startsWith(':bar_chart: *Weekly summary*') && (!m.thread_ts || m.thread_ts === m.ts),
      );
  async function tickAt(at: string) {
    flow.clock.set(at);
    await flow.desk.scheduler.tick();
    await flow.drainOutbox();
  }
  /** The plan looks the managers' zones up, then schedules each one's Monday 08:00. */
  async function planFrom(at: string) {
    await tickAt(at);
    await tickAt(new Date(Date.parse(at) + 20 * 60_000).toISOString());
  }
  async function ordersBetween(from: string, to: string) {
    const [row] = await flow.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(and(gte(orders.createdAt, new Date(from)), lt(orders.createdAt, new Date(to))));
    return Number(row?.n);
  }
  /** Slack refuses a section over 3,000 characters and a message over 50 blocks. */
  function withinBlockKit(blocks: unknown[] | undefined) {
    expect(blocks?.length).toBeLessThanOrEqual(50);
    for (const block of blocks ?? []) {
      const text = (block as { text?: { text?: string } }).text?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(3000);
    }
  }

  it('with two years of orders: last week against the four before, the five largest forecast changes with their MASE, computed once for every manager', async () => {
    flow = await startFlow();
    // The demo desk: two years of seasonal, trending and intermittent orders, up to Sunday 29 November.
    await seedDemoData(flow.database.db, { clock: new ManualClock('2026-11-30T09:00:00Z'), channels: null });
    await weeklyManagers();
    await planFrom('2026-11-27T10:00:00Z');

    // Monday 30 November, 08:00 in Shanghai (00:00 UTC): the business week of 23 November is over in Berlin.
    await tickAt('2026-11-30T00:00:00Z');
    const [forLi] = weekliesIn(dmOf(shanghai));
    expect(forLi).toBeDefined();
    withinBlockKit(forLi?.blocks);
    const text = forLi?.text ?? '';

    // The week is Berlin's Monday to Monday; the four weeks before it, their average a week.
    const lastWeek = await ordersBetween('2026-11-22T23:00:00Z', '2026-11-29T23:00:00Z');
    const fourBefore = await ordersBetween('2026-10-25T23:00:00Z', '2026-11-22T23:00:00Z');
    expect(lastWeek).toBeGreaterThan(0);
    expect(fourBefore).toBeGreaterThan(0);
    expect(text).toContain('*Trends* · week of 2026-11-23 against the 4 weeks before');
    expect(text).toContain(`*Orders* ${lastWeek} (a week before: ${(fourBefore / 4).toFixed(1)} on average`);
    expect(text).toMatch(/\*On time in full\* (\d+ %|—) of \d+ delivered/);
    expect(text).toMatch(/\*cycle time, median\* (\d+\.\d (h|days)|—)/);

    expect(text).toContain('*Forecast, largest changes* · next 4 weeks from 2026-11-30 against the last 4');
    const changes = text.split('\n').filter((line) => line.startsWith('• '));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.length).toBeLessThanOrEqual(5);
    for (const line of changes) expect(line).toMatch(/ → [\d.,]+.* · .+ · MASE (\d+\.\d\d|—)$/);

    // New York's Monday 08:00 is 13:00 UTC: the same week, the same figures, read from the one row.
    await tickAt('2026-11-30T13:00:00Z');
    const [forNora] = weekliesIn(dmOf(newYork));
    const sections = (m: typeof forNora) =>
      (m?.blocks ?? []).slice(1).map((b) => (b as { text?: { text?: string } }).text?.text);
    expect(sections(forNora)).toEqual(sections(forLi));
    expect(await flow.database.db.select({ week: weeklyInsights.week }).from(weeklyInsights)).toEqual([
      { week: '2026-11-30' },
    ]);

    // A second instance and a retry send nothing new and compute nothing again.
    const other = schedulerFor(flow.database.db, flow.clock, {
      kinds: jobKinds,
      workerId: 'second',
      calendar: { ...flow.desk.ctx.afterDelivery!.calendar },
    });
    await other.scheduler.tick();
    await tickAt('2026-11-30T13:30:00Z');
    expect(weekliesIn(dmOf(shanghai))).toHaveLength(1);
    expect(weekliesIn(dmOf(newYork))).toHaveLength(1);
    expect(await flow.database.db.select().from(weeklyInsights)).toHaveLength(1);
  });

  it('on the hand-computed November desk: orders, on time in full and the median cycle time of the week against the four before', async () => {
    // The bot starts that Friday: its summary plan runs from then on.
    flow = await startFlow({ startAt: '2026-11-20T09:00:00Z' });
    await seedReportFixture(flow.database.db);
    await weeklyManagers();
    await planFrom('2026-11-20T10:00:00Z');

    // Monday 23 November, 08:00 in Shanghai. The week of 16 November: D (cancelled) and G
    // (3 days, on time); the four before: E, A (170 h, on time), B (72 h, late) and C.
    await tickAt('2026-11-23T00:00:00Z');
    const [forLi] = weekliesIn(dmOf(shanghai));
    expect(forLi?.text).toContain(
      '*Trends* · week of 2026-11-16 against the 4 weeks before\n' +
        '*Orders* 2 (a week before: 1.0 on average, +100 %)',
    );
    expect(forLi?.text).toContain(
      '*On time in full* 100 % of 1 delivered (50 % of 2) · *cycle time, median* 3.0 days (5.0 days)',
    );
    // Two products ordered in a few weeks only: too little for a forecast, said so.
    expect(forLi?.text).toContain(
      'no product has enough weeks of orders for a forecast yet (2 with too few)',
    );
  });

  it('a desk that opened last week is told plainly that trends and forecasts need more history', async () => {
    flow = await startFlow();
    await seedFollowUpWorld(flow);
    await weeklyManagers();
    await planFrom('2026-11-27T10:00:00Z');
    await placeOrder(flow);

    await tickAt('2026-11-30T00:00:00Z');
    const [forLi] = weekliesIn(dmOf(shanghai));
    expect(forLi?.text).toContain('Too little history for trends: no orders in the 4 weeks before.');
    expect(forLi?.text).toContain(
      'Too little history: no product has enough weeks of orders for a forecast yet (1 with too few).',
    );
    // A daily summary carries neither.
    await flow.database.db.update(summaryPreferences).set({ cadence: 'daily' });
    await planFrom('2026-11-30T09:00:00Z');
    await tickAt('2026-12-01T00:00:00Z');
    const daily = flow.slack.messages(dmOf(shanghai)).filter((m) => m.text.startsWith(':bar_chart: *Daily'));
    expect(daily).toHaveLength(1);
    expect(daily[0]?.text).not.toContain('*Trends*');
  });
});
