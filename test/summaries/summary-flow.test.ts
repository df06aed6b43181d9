import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  departments,
  deskChannels,
  exceptions,
  orders,
  people as peopleTable,
  scheduledJobs,
  summaryPreferences,
} from '../../src/db/schema.ts';
import { jobKinds } from '../../src/job-kinds.ts';
import { formatCents } from '../../src/money.ts';
import { placeOrder } from '../support/department-world.ts';
import { type Flow, startFlow } from '../support/flow.ts';
import { production, seedFollowUpWorld } from '../support/followup-world.ts';
import { eventually, openModal } from '../support/intake-world.ts';
import { schedulerFor } from '../support/scheduler-world.ts';

const shanghai = 'U0SHAMGR';
const newYork = 'U0NYCMGR';
const managersChannel = 'C0MANAGERS';

describe('manager summaries', () => {
  let flow: Flow;
  beforeEach(async () => {
    flow = await startFlow();
    await seedFollowUpWorld(flow);
    flow.slack.addUser({ id: shanghai, name: 'li', tz: 'Asia/Shanghai' });
    flow.slack.addUser({ id: newYork, name: 'nora', tz: 'America/New_York' });
    flow.slack.addChannel({ id: managersChannel, name: 'managers', is_member: true });
    for (const id of [shanghai, newYork])
      await flow.database.db
        .insert(peopleTable)
        .values({ slackUserId: id, roles: ['manager'], updatedAt: new Date() });
    await flow.database.db
      .insert(deskChannels)
      .values({ purpose: 'managers', channelName: 'managers', channelId: managersChannel });
  });
  afterEach(() => flow.stop());

  const dmOf = (user: string) => flow.slack.workspace.openIm(user).channel.id;
  const summariesIn = (channel: string) =>
    flow.slack
      .messages(channel)
      .filter((m) => m.text.startsWith(':bar_chart:') && (!m.thread_ts || m.thread_ts === m.ts));
  const threadOf = (channel: string, ts: string) =>
    flow.slack.workspace
      .replies(channel, ts)
      .filter((m) => m.ts !== ts)
      .map((m) => m.text);
  async function tickAt(at: string) {
    flow.clock.set(at);
    await flow.desk.scheduler.tick();
    await flow.drainOutbox();
  }
  async function orderAt(at: string) {
    flow.clock.set(at);
    return placeOrder(flow);
  }
  /** What the database says of new orders in a stretch: the figures a summary must show. */
  async function newOrdersBetween(from: string, to: string) {
    const [row] = await flow.database.db
      .select({
        n: sql<number>`count(*)::int`,
        cents: sql<number>`coalesce(sum(${orders.totalCents}), 0)::bigint`,
      })
      .from(orders)
      .where(and(gte(orders.createdAt, new Date(from)), lt(orders.createdAt, new Date(to))));
    return { n: Number(row?.n), cents: Number(row?.cents) };
  }

  it('managers in Shanghai and New York each get the daily summary at 08:00 on their own clock, with the figures of the database', async () => {
    // The plan runs every 15 minutes: it looks the managers' time zones up, then sets their times.
    await tickAt('2026-11-30T09:00:00Z');
    await tickAt('2026-11-30T09:20:00Z');

    const early = await orderAt('2026-11-30T10:00:00Z');
    await orderAt('2026-11-30T20:00:00Z');
    await orderAt('2026-12-01T05:00:00Z');
    // The early order is late: its delivery date has passed.
    await flow.database.db.update(orders).set({ deliveryDate: '2026-11-29' }).where(eq(orders.number, early));

    await tickAt('2026-11-30T23:59:00Z');
    expect(summariesIn(dmOf(shanghai))).toEqual([]);

    // 08:00 in Shanghai: the 24 hours since Monday 08:00 there.
    await tickAt('2026-12-01T00:00:00Z');
    const [forLi] = summariesIn(dmOf(shanghai));
    const li = await newOrdersBetween('2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z');
    expect(li.n).toBe(2);
    expect(forLi?.text).toContain(`*New orders* 2 (+2 on a week before) · *value* ${formatCents(li.cents)}`);
    expect(forLi?.text).toContain('*Overdue* 1 · *Holds awaiting decision* 0 · *Open exceptions* 0');
    expect(forLi?.text).toContain('Mon 30 Nov, 08:00 → Tue 1 Dec, 08:00');
    // New York's Monday summary went at its Monday 08:00 (13:00 UTC); Tuesday's is still to come.
    expect(summariesIn(dmOf(newYork))).toHaveLength(1);

    const liThread = threadOf(dmOf(shanghai), forLi?.ts ?? '');
    expect(liThread[0]).toMatch(
      /^\*New orders\* \(2\)\n• <https:\/\/slack\.com\/archives\/C0PROD\/p\d+\|SO-2026-000001>/,
    );
    expect(liThread[1]).toContain(`*Overdue* (1)\n• <https://slack.com/archives/${production.channelId}/p`);
    expect(liThread[1]).toContain(`|${early}> · Acme Industrial · due 2026-11-29`);

    // 08:00 in New York (EST): its own 24 hours, with the order of 05:00 UTC and not the one of 10:00.
    await tickAt('2026-12-01T12:59:00Z');
    expect(summariesIn(dmOf(newYork))).toHaveLength(1);
    await tickAt('2026-12-01T13:00:00Z');
    const forNora = summariesIn(dmOf(newYork)).at(-1);
    const nora = await newOrdersBetween('2026-11-30T13:00:00Z', '2026-12-01T13:00:00Z');
    expect(nora.n).toBe(2);
    expect(forNora?.text).toContain(
      `*New orders* 2 (+2 on a week before) · *value* ${formatCents(nora.cents)}`,
    );

    // The managers' channel at 08:00 in the business zone (Berlin).
    expect(summariesIn(managersChannel)).toHaveLength(1);

    // Run again, and by a second instance: each summary is sent once for its day.
    await tickAt('2026-12-01T13:30:00Z');
    const other = schedulerFor(flow.database.db, flow.clock, {
      kinds: jobKinds,
      workerId: 'second',
      calendar: { ...flow.desk.ctx.afterDelivery!.calendar },
    });
    await other.scheduler.tick();
    await flow.drainOutbox();
    expect(summariesIn(dmOf(shanghai))).toHaveLength(1);
    expect(summariesIn(dmOf(newYork))).toHaveLength(2);

    // Wednesday's comes on Wednesday.
    await tickAt('2026-12-02T00:00:00Z');
    expect(summariesIn(dmOf(shanghai))).toHaveLength(2);
  });

  it('a manager chooses the weekly summary at 07:00 in /order settings; their Home shows the desk and the choice', async () => {
    flow.clock.set('2026-12-02T10:00:00Z');
    const before = flow.slack.views.top(shanghai);
    await flow.driver.command(shanghai, 'settings');
    const modal = await openModal(flow, shanghai, before);
    const res = await flow.driver.submitView(shanghai, modal, {
      cadence: { cadence: 'weekly' },
      hour: { hour: '7' },
    });
    expect(JSON.stringify(res.body)).toContain('Saved: you get the weekly summary at 07:00.');
    expect(await flow.database.db.select().from(summaryPreferences)).toMatchObject([
      { userId: shanghai, cadence: 'weekly', hour: 7 },
    ]);
    // Monday 7 December at 07:00 in the business zone: the plan has not looked Shanghai up yet.
    const [job] = await flow.database.db
      .select()
      .from(scheduledJobs)
      .where(eq(scheduledJobs.key, `manager:${shanghai}`));
    expect(job).toMatchObject({
      kind: 'summary.send',
      status: 'scheduled',
      runAt: new Date('2026-12-07T06:00:00Z'),
    });

    await flow.driver.appHomeOpened(shanghai);
    const home = await eventually(() => flow.slack.views.home(shanghai), 'the Home');
    const shown = JSON.stringify(home.blocks);
    expect(shown).toContain('*The desk* · no open orders');
    expect(shown).toContain('*Overdue* 0 · *Open exceptions* 0');
    expect(shown).toContain('You get the weekly summary at 07:00.');

    const told = flow.slack.workspace.ephemerals({ user: production.member }).length;
    await flow.driver.command(production.member, 'settings');
    const refusal = await eventually(
      () => flow.slack.workspace.ephemerals({ user: production.member }).slice(told).at(-1)?.text,
      'a refusal',
    );
    expect(refusal).toContain('choose a summary of the desk');
  });

  it("a manager's Home counts the problems not resolved yet, acknowledged or not", async () => {
    const number = await orderAt('2026-12-02T09:00:00Z');
    const db = flow.database.db;
    const [order] = await db.select().from(orders).where(eq(orders.number, number));
    const [department] = await db.select().from(departments).limit(1);
    if (!order || !department) throw new Error('the world has an order and a department');
    const now = flow.clock.now();
    const problem: Omit<typeof exceptions.$inferInsert, 'raiseKey'> = {
      orderId: order.id,
      type: 'quality',
      severity: 'high',
      description: 'scratched housings',
      departmentId: department.id,
      raisedBy: shanghai,
      raisedAt: now,
      slaDueAt: now,
      allManagersAt: now,
    };
    await db.insert(exceptions).values([
      { ...problem, raiseKey: 'summary:open' },
      { ...problem, raiseKey: 'summary:acknowledged', status: 'acknowledged' },
      { ...problem, raiseKey: 'summary:resolved', status: 'resolved' },
    ]);

    await flow.driver.appHomeOpened(shanghai);
    const home = await eventually(() => flow.slack.views.home(shanghai), 'the Home');
    expect(JSON.stringify(home.blocks)).toContain('*Open exceptions* 2');
  });
});
