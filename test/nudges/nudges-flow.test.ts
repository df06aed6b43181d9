import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { departments, orders, scheduledJobs } from '../../src/db/schema.ts';
import { placeOrder, press, shipOrder } from '../support/department-world.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { logistics, production, seedFollowUpWorld } from '../support/followup-world.ts';
import { eventually } from '../support/intake-world.ts';

const manager = 'U0MGR';

describe('nudges', () => {
  let flow: Flow;
  beforeEach(async () => {
    flow = await startFlow();
    await seedFollowUpWorld(flow);
    flow.slack.addUser({ id: manager, name: 'mo', tz: 'Europe/Berlin' });
    await flow.database.db
      .update(departments)
      .set({ managerId: manager })
      .where(eq(departments.key, 'production'));
  });
  afterEach(() => flow.stop());

  const dmOf = (user: string) => flow.slack.workspace.openIm(user).channel.id;
  const nudgesIn = (channel: string, mark: string) =>
    flow.slack.messages(channel).filter((m) => m.text.startsWith(mark));
  /** At `at` the scheduler ticks twice (the sweep finds work, its jobs run) and the outbox is sent. */
  async function tickAt(at: string) {
    flow.clock.set(at);
    await flow.desk.scheduler.tick();
    await flow.desk.scheduler.tick();
    await flow.drainOutbox();
  }
  const deliveryJob = async (number: string) => {
    const [order] = await flow.database.db.select().from(orders).where(eq(orders.number, number));
    const [job] = await flow.database.db
      .select()
      .from(scheduledJobs)
      .where(
        and(eq(scheduledJobs.kind, 'nudge.delivery'), eq(scheduledJobs.key, `order:${order?.id}:2026-12-20`)),
      );
    return job;
  };
  async function pressOn(user: string, channel: string, ts: string, actionId: string) {
    const told = flow.slack.workspace.ephemerals({ user }).length;
    await flow.driver.clickButton(user, { message: { channel, ts }, action_id: actionId });
    return eventually(
      () => flow.slack.workspace.ephemerals({ user }).slice(told).at(-1)?.text,
      `an answer to ${actionId}`,
    );
  }

  /** An order due Sunday 2026-12-20, accepted by production so only its delivery date nudges. */
  async function anAcceptedOrder() {
    const number = await placeOrder(flow);
    await press(flow, production.member, production.channelId, number, 'step.accept');
    return number;
  }

  it('found on a Saturday, the nudge waits for Monday 09:00, then reaches the owner and production once a working day', async () => {
    const number = await anAcceptedOrder();
    const overdue = `:red_circle: *${number}* for Acme Industrial is not shipped yet`;

    await tickAt('2026-12-19T10:00:00Z');
    expect((await deliveryJob(number))?.runAt).toEqual(new Date('2026-12-21T08:00:00Z'));
    expect(nudgesIn(dmOf(people.admin), ':red_circle:')).toEqual([]);
    expect(nudgesIn(production.channelId, ':hourglass_flowing_sand:')).toEqual([]);

    await tickAt('2026-12-21T08:00:00Z');
    for (const channel of [dmOf(people.admin), production.channelId]) {
      expect(nudgesIn(channel, ':red_circle:').map((m) => m.text)).toEqual([
        `${overdue} and *1 day overdue* (due 2026-12-20).`,
      ]);
    }
    expect(nudgesIn(logistics.channelId, ':red_circle:')).toEqual([]);
    await tickAt('2026-12-21T15:00:00Z');
    expect(nudgesIn(production.channelId, ':red_circle:')).toHaveLength(1);

    await tickAt('2026-12-22T08:05:00Z');
    expect(nudgesIn(production.channelId, ':red_circle:').at(-1)?.text).toBe(
      `${overdue} and *2 days overdue* (due 2026-12-20).`,
    );
  });

  it('two days before the date the owner hears it is due; Snooze puts the next nudge off; shipping stops them', async () => {
    const number = await anAcceptedOrder();
    await tickAt('2026-12-18T09:00:00Z');
    expect(nudgesIn(dmOf(people.admin), ':hourglass').map((m) => m.text)).toEqual([
      `:hourglass_flowing_sand: *${number}* for Acme Industrial is not shipped yet: it is due in *2 days* (2026-12-20).`,
    ]);
    await tickAt('2026-12-21T08:00:00Z');
    const first = nudgesIn(production.channelId, ':red_circle:').at(-1);
    expect(first?.text).toContain('*1 day overdue*');

    expect(
      await pressOn(production.member, production.channelId, first?.ts ?? '', 'nudge.snooze_1d'),
    ).toMatch(/^:zzz: Snoozed: the next nudge comes /);
    expect((await deliveryJob(number))?.runAt).toEqual(new Date('2026-12-23T08:00:00Z'));
    await tickAt('2026-12-22T08:30:00Z');
    expect(nudgesIn(production.channelId, ':red_circle:')).toHaveLength(1);
    await tickAt('2026-12-23T08:00:00Z');
    expect(nudgesIn(production.channelId, ':red_circle:').at(-1)?.text).toContain('*3 days overdue*');

    for (const id of ['step.start', 'step.done'])
      await press(flow, production.member, production.channelId, number, id);
    await shipOrder(flow, logistics, number, '2026-12-28');

    await tickAt('2026-12-24T08:00:00Z');
    await tickAt('2026-12-28T08:00:00Z');
    expect(nudgesIn(production.channelId, ':red_circle:')).toHaveLength(2);
    expect((await deliveryJob(number))?.status).toBe('done');
    expect(await pressOn(production.member, production.channelId, first?.ts ?? '', 'nudge.snooze_3d')).toBe(
      ':warning: This nudge has stopped: what it was about is settled.',
    );
  });

  it('a step not accepted within 4 hours nudges its assignee; as long again (held to Monday morning), the manager', async () => {
    const number = await placeOrder(flow);
    await tickAt('2026-11-27T12:59:00Z');
    expect(nudgesIn(dmOf(production.member), ':wave:')).toEqual([]);

    // The sweep looks every 15 minutes.
    await tickAt('2026-11-27T13:15:00Z');
    expect(nudgesIn(dmOf(production.member), ':wave:').map((m) => m.text)).toEqual([
      `:wave: Production's step of *${number}* (Acme Industrial, due 2026-12-20) has waited 4 h for you to accept it.`,
    ]);
    await tickAt('2026-11-27T17:00:00Z');
    expect(nudgesIn(dmOf(manager), ':rotating_light:')).toEqual([]);
    await tickAt('2026-11-30T08:00:00Z');
    expect(nudgesIn(dmOf(manager), ':rotating_light:').map((m) => m.text)).toEqual([
      `:rotating_light: Production's step of *${number}* (Acme Industrial, due 2026-12-20) has waited 71 h for <@${production.member}> to accept it.`,
    ]);

    await press(flow, production.member, production.channelId, number, 'step.accept');
    await tickAt('2026-12-01T08:00:00Z');
    expect(nudgesIn(dmOf(manager), ':rotating_light:')).toHaveLength(1);
    expect(nudgesIn(dmOf(production.member), ':wave:')).toHaveLength(1);
  });
});
