import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, orders, outbox, people as peopleTable, slackMessages } from '../../src/db/schema.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { SlackDriver } from '../../src/sandbox/slack-driver.ts';
import { freePort, type Run, startProcess, waitForHealthy } from '../support/bot-process.ts';
import { buttonsOn, cardIn } from '../support/department-world.ts';
import { aCustomer, aProduct } from '../support/factories.ts';
import { signingSecret } from '../support/flow.ts';
import { acmeOrder, eventually, openModal } from '../support/intake-world.ts';
import { botToken } from '../support/outbox-harness.ts';
import { type RoundRobinProxy, startRoundRobinProxy } from '../support/round-robin-proxy.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-database.ts';

const admins = ['U0ADA', 'U0BEA', 'U0CAL'] as const;
const production = { channel: 'C0PRODUCTION', member: 'U0PIA' } as const;
const logistics = { channel: 'C0LOGISTICS', member: 'U0LEO' } as const;
const ordersPerAdmin = 5;

/*
 * Three orderdesk processes on one Postgres behind one URL, as a team outgrowing one machine
 * runs it. PGlite is one process's database, so this runs in the Postgres pass of the suite.
 */
describe.runIf(onPostgres)('three instances on one Postgres behind one URL', () => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let instances: Run[] = [];
  let proxy: RoundRobinProxy;
  let driver: SlackDriver;

  beforeAll(async () => {
    database = await createTestDatabase();
    slack = await startFakeSlack({ botToken });
    await seedWorld(database, slack);
    const ports = await Promise.all([1, 2, 3].map(() => freePort()));
    instances = ports.map((port) =>
      startProcess({
        PORT: String(port),
        DATABASE_URL: database.url ?? '',
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        ORDERDESK_ADMINS: admins.join(','),
        ORDERDESK_TIMEZONE: 'Europe/Berlin',
        LOG_LEVEL: 'warn',
      }),
    );
    await Promise.all(ports.map((port, i) => waitForHealthy(port, instances[i] as Run)));
    proxy = await startRoundRobinProxy(ports);
    driver = new SlackDriver({ botUrl: `${proxy.url}/slack/events`, signingSecret, slack });
  }, 120_000);

  afterAll(async () => {
    for (const run of instances) run.child.kill('SIGKILL');
    await Promise.all(instances.map((run) => run.exited));
    await proxy?.stop();
    await slack?.stop();
    await database?.close();
  });

  it('admins place orders while one instance is killed: numbers unique and gap-free, each card posted once and updated in place', async () => {
    const placed = admins.length * ordersPerAdmin;
    for (let round = 0; round < ordersPerAdmin; round++) {
      if (round === 2) await killHard(instances[1]);
      await Promise.all(admins.map((admin) => placeOrder(driver, slack, admin)));
    }

    await eventually(
      () => outboxSettled(database),
      'the outbox to be sent by the instances still alive',
      100_000,
    );

    const numbers = (await database.db.select({ number: orders.number }).from(orders)).map((o) => o.number);
    const sequence = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: placed }, (_, i) => i + 1));

    for (const channel of await channelsWritten(database)) {
      const posts = slack.messages(channel).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
      const contents = posts.map((m) => JSON.stringify([m.text, m.blocks]));
      expect(new Set(contents).size, `a message posted twice in ${channel}`).toBe(contents.length);
    }
    const productionCards = slack.messages(production.channel).filter((m) => !m.thread_ts);
    expect(productionCards).toHaveLength(placed);

    const number = numbers[0] ?? '';
    const card = cardIn({ slack }, production.channel, number);
    await driver.clickButton(production.member, {
      message: { channel: production.channel, ts: card?.ts ?? '' },
      action_id: 'step.accept',
    });
    await eventually(
      () => buttonsOn(cardIn({ slack }, production.channel, number)).includes('step.start'),
      'the accepted card to be updated in place',
      30_000,
    );
    expect(cardIn({ slack }, production.channel, number)?.ts).toBe(card?.ts);
    expect(slack.messages(production.channel).filter((m) => !m.thread_ts)).toHaveLength(placed);
  }, 240_000);
});

/** kill -9, and wait until the process is gone, as its port is then. */
async function killHard(run: Run | undefined): Promise<void> {
  run?.child.kill('SIGKILL');
  await run?.exited;
}

async function seedWorld(database: TestDatabase, slack: FakeSlack) {
  const db = database.db;
  for (const admin of admins) slack.addUser({ id: admin, name: admin.toLowerCase() });
  await db
    .insert(peopleTable)
    .values(admins.map((id) => ({ slackUserId: id, roles: ['admin' as const], updatedAt: new Date() })));
  for (const [key, dept] of [
    ['production', production],
    ['logistics', logistics],
  ] as const) {
    slack.addChannel({ id: dept.channel, name: key, is_member: true });
    slack.addUser({ id: dept.member, name: dept.member.toLowerCase() });
    const [row] = await db
      .insert(departments)
      .values({ key, name: key[0]?.toUpperCase() + key.slice(1), channelId: dept.channel })
      .returning();
    await db
      .insert(peopleTable)
      .values({ slackUserId: dept.member, roles: ['member'], departmentId: row?.id, updatedAt: new Date() });
  }
  await aCustomer(db, {
    code: 'ACME',
    name: 'Acme Industrial',
    creditLimitCents: 50_000_000,
    paymentMethods: ['net30'],
  });
  await aProduct(db, { sku: 'WIDGET-A', name: 'Widget A', listPriceCents: 1250, leadTimeDays: 5 });
}

/** An admin types /order new and submits the modal, which stores the order before it closes. */
async function placeOrder(driver: SlackDriver, slack: FakeSlack, admin: string): Promise<void> {
  const before = slack.views.top(admin);
  await driver.command(admin, 'new');
  const view = await openModal({ slack }, admin, before);
  const res = await driver.submitView(admin, view, acmeOrder([{ product: 'WIDGET-A', quantity: '2' }]));
  expect(res.status).toBe(200);
  expect(res.body).toBe('');
}

/** Every channel the bot recorded a card in: the departments' channels and the admins' DMs. */
async function channelsWritten(database: TestDatabase): Promise<string[]> {
  const rows = await database.db.selectDistinct({ channel: slackMessages.channel }).from(slackMessages);
  return rows.map((r) => r.channel);
}

async function outboxSettled(database: TestDatabase): Promise<boolean> {
  const [row] = await database.db
    .select({ open: sql<number>`count(*)::int` })
    .from(outbox)
    .where(inArray(outbox.status, ['pending', 'sending']));
  return row?.open === 0;
}
