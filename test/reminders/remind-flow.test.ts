import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { scheduledJobs } from '../../src/db/schema.ts';
import { createLogger } from '../../src/logger.ts';
import { startOrderdesk } from '../../src/orderdesk.ts';
import { createOrder } from '../../src/orders/create-order.ts';
import { SlackDriver } from '../../src/sandbox/slack-driver.ts';
import { aCustomer, aProduct } from '../support/factories.ts';
import { type Flow, people, signingSecret, startFlow } from '../support/flow.ts';
import { eventually } from '../support/intake-world.ts';
import { botToken } from '../support/outbox-harness.ts';

/** Someone whose Slack profile is in New York, while the business keeps Berlin time. */
const nora = 'U0NORA';
let flow: Flow;
let order: string;

beforeEach(async () => {
  // The bot's handle does not close the database, so a test can start a second desk on it.
  flow = await startFlow({ botDatabase: async (database) => ({ ...database, close: async () => {} }) });
  flow.slack.addUser({ id: nora, name: 'nora', tz: 'America/New_York' });
  const db = flow.database.db;
  const created = await createOrder(flow.desk.ctx, {
    customerId: (await aCustomer(db)).id,
    deliveryDate: '2026-12-20',
    paymentMethod: 'net30',
    ownerId: people.admin,
    lines: [{ productId: (await aProduct(db)).id, spec: '', quantity: 3, unitPriceCents: 1000 }],
  });
  order = created.number;
  await flow.drainOutbox();
  // Draining moved the clock on by a few seconds; the stories start on the minute.
  flow.clock.set('2026-11-27T09:00:00Z');
});
afterEach(() => flow.stop());

const reply = async (user: string, text: string) =>
  JSON.stringify((await flow.driver.command(user, text)).body);
const dms = (user: string) =>
  flow.slack
    .messages(flow.slack.workspace.openIm(user).channel.id)
    .filter((m) => m.text.includes('Reminder'));
const fire = async () => {
  await flow.desk.scheduler.tick();
  await flow.drainOutbox();
};

describe('/order remind: a DM about an order, later', () => {
  it('in 30m: nothing at 29 minutes, the DM with the order at 30, once', async () => {
    const answer = await reply(
      people.dana,
      `remind ${order.toLowerCase()} in 30m call ACME about the drawings`,
    );
    expect(answer).toContain(`I will remind you about *${order}*`);

    flow.clock.set('2026-11-27T09:29:00Z');
    await fire();
    expect(dms(people.dana)).toEqual([]);

    flow.clock.set('2026-11-27T09:30:00Z');
    await fire();
    await fire();
    expect(dms(people.dana).map((m) => m.text)).toEqual([
      `:alarm_clock: Reminder: *${order}* (Acme Industrial · received · due 2026-12-20): call ACME about the drawings`,
    ]);
  });

  it('on a date at 09:30 is half past nine on the asker’s own clock, even on a Saturday the office is shut', async () => {
    const answer = await reply(nora, `remind ${order} on 2026-12-26 09:30 ring the carrier`);
    expect(answer).toContain('2026-12-26 09:30 America/New_York');

    flow.clock.set('2026-12-26T14:29:00Z');
    await fire();
    expect(dms(nora)).toEqual([]);
    flow.clock.set('2026-12-26T14:30:00Z');
    await fire();
    expect(dms(nora).map((m) => m.text)).toEqual([expect.stringContaining(': ring the carrier')]);
  });

  it('a date for someone Slack cannot tell the zone of is in the business’s zone; without a time, at nine', async () => {
    await reply(people.dana, `remind ${order} on 2026-12-24 09:30 in London`);
    flow.slack.addUser({ id: 'U0ZONELESS', name: 'zed', tz: 'Mars/Olympus_Mons' });
    await reply('U0ZONELESS', `remind ${order} on 2026-12-24 in Berlin, at nine`);
    const runAt = async (text: string) => {
      const jobs = await flow.database.db
        .select()
        .from(scheduledJobs)
        .where(eq(scheduledJobs.kind, 'reminder.dm'));
      return jobs.find((j) => JSON.stringify(j.payload).includes(text))?.runAt;
    };
    expect(await runAt('in London')).toEqual(new Date('2026-12-24T09:30:00Z'));
    expect(await runAt('in Berlin')).toEqual(new Date('2026-12-24T08:00:00Z'));
  });

  it.each([
    ['an unknown order', 'remind SO-2026-999999 in 2h call', 'There is no order SO-2026-999999.'],
    ['a time in the past', 'remind SO-2026-000001 on 2026-11-27 08:00 call', 'That time has passed already'],
    ['a while it cannot read', 'remind SO-2026-000001 in a bit call', 'could not read that as a while'],
    ['no text', 'remind SO-2026-000001 in 2h', 'Say what to remind you of'],
    ['more than a year ahead', 'remind SO-2026-000001 on 2027-12-01 call', 'more than a year ahead'],
    ['a control character', 'remind SO-2026-000001 in 2h call\u0007 ACME', 'invisible control character'],
  ])('%s is refused privately, and nothing is scheduled', async (_, text, message) => {
    const res = await flow.driver.command(people.dana, text);
    expect(res.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(res.body)).toContain(message);
    expect(await flow.database.db.select().from(scheduledJobs)).toEqual([]);
  });

  it('a guest from another workspace cannot set one', async () => {
    expect(await reply(people.guest, `remind ${order} in 2h call`)).not.toContain('I will remind you');
    expect(await flow.database.db.select().from(scheduledJobs)).toEqual([]);
  });
});

describe('/order reminders: the asker’s pending reminders, each with Cancel', () => {
  const listFor = async (user: string) => {
    await flow.driver.command(user, 'reminders');
    return eventually(() => flow.slack.workspace.ephemerals({ user }).at(-1), 'the list');
  };
  /** `user` presses Cancel on the list's first reminder (or on `key`), and says what they are told. */
  const pressCancel = async (
    user: string,
    list: Awaited<ReturnType<typeof listFor>>,
    told: (text: string) => boolean,
    what: string,
    key?: string,
  ) => {
    await flow.driver.clickButton(user, {
      ephemeral: list,
      action_id: 'reminders.cancel',
      block_id: 'reminder.0',
      ...(key ? { value: key } : {}),
    });
    await eventually(() => flow.slack.workspace.ephemerals({ user }).find((e) => told(e.text)), what);
  };

  it('lists order, when and text, soonest first; Cancel stops it; cancelling again is refused', async () => {
    await reply(people.dana, `remind ${order} in 2h second`);
    await reply(people.dana, `remind ${order} in 1h first`);
    await reply(people.admin, `remind ${order} in 1h not Dana's`);

    const list = await listFor(people.dana);
    expect(list.text).toMatch(new RegExp(`\\*${order}\\* · <!date\\^\\d+.*first\\n.*second$`));
    expect(list.text).not.toContain('not Dana');

    await pressCancel(people.dana, list, (text) => text.startsWith('Cancelled'), 'the cancellation');
    expect((await listFor(people.dana)).text).not.toContain('first');

    await pressCancel(people.dana, list, (text) => text.includes('cancelled already'), 'the refusal');

    flow.clock.set('2026-11-27T11:00:00Z');
    await fire();
    expect(dms(people.dana).map((m) => m.text)).toEqual([expect.stringContaining('second')]);
  });

  it('someone else’s reminder cannot be cancelled, even with its key', async () => {
    await reply(people.admin, `remind ${order} in 1h the admin's`);
    await reply(people.dana, `remind ${order} in 1h Dana's`);
    const [adminsKey] = (await flow.database.db.select().from(scheduledJobs))
      .filter((j) => j.key.startsWith(people.admin))
      .map((j) => j.key);

    const list = await listFor(people.dana);
    await pressCancel(people.dana, list, (text) => text.includes('someone else’s'), 'the refusal', adminsKey);
    expect((await listFor(people.admin)).text).toContain("the admin's");
  });

  it('a guest from another workspace pressing Cancel is refused, and the reminder stays', async () => {
    await reply(people.dana, `remind ${order} in 1h stays`);
    const list = await listFor(people.dana);
    await pressCancel(people.guest, list, (text) => text.includes('own workspace'), 'the refusal');
    expect((await listFor(people.dana)).text).toContain('stays');
  });

  it('with none waiting, says how to set one', async () => {
    expect(await reply(people.dana, 'reminders')).toContain('You have no reminders waiting');
  });
});

describe('a reminder across a restart', () => {
  it('scheduled before the desk stops, it fires once from the desk started after', async () => {
    await reply(people.dana, `remind ${order} in 30m after the restart`);
    await flow.desk.stop();

    flow.clock.set('2026-11-27T09:45:00Z');
    const config = parseConfig({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: flow.slack.apiUrl,
      ORDERDESK_ADMINS: people.admin,
      ORDERDESK_TIMEZONE: 'Europe/Berlin',
    });
    const next = await startOrderdesk({
      config,
      database: { ...flow.database, close: async () => {} },
      clock: flow.clock,
      port: 0,
      host: '127.0.0.1',
      logger: createLogger('error', () => {}),
    });
    try {
      // Starting ticks once (catching up on the downtime); the loops then stop so the test drives.
      await next.dispatcher.stop();
      await next.scheduler.stop();
      await next.scheduler.tick();
      for (let i = 0; i < 3; i++) {
        await next.dispatcher.runOnce();
        flow.clock.advance(1000);
      }
      expect(dms(people.dana).map((m) => m.text)).toEqual([expect.stringContaining('after the restart')]);

      const driver = new SlackDriver({
        botUrl: `http://127.0.0.1:${next.port}/slack/events`,
        signingSecret,
        slack: flow.slack,
        clock: flow.clock,
      });
      await driver.command(people.dana, 'reminders');
      expect(flow.slack.workspace.ephemerals({ user: people.dana }).at(-1)?.text).toContain(
        'no reminders waiting',
      );
    } finally {
      await next.stop();
    }
  });
});
