import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import {
  customers,
  departments,
  orderNumberCounters,
  orders,
  people,
  products,
} from '../../src/db/schema.ts';
import {
  demoCustomers,
  demoDepartments,
  demoPeople,
  demoProducts,
  demoRules,
} from '../../src/demo/demo-data.ts';
import { seedDemoData } from '../../src/demo/seed-demo-data.ts';
import { demoHistoryWeeks } from '../../src/demo/seed-demo-history.ts';
import { slackChannelLookup } from '../../src/demo/slack-channel-lookup.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { botToken } from '../support/outbox-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let slack: FakeSlack;
let lookup: ReturnType<typeof slackChannelLookup>;
const clock = new ManualClock('2026-11-01T07:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await startFakeSlack({ clock, botToken });
  // More channels than one page of conversations.list, so the seed must follow the cursor.
  for (let i = 0; i < 230; i++) slack.addChannel({ name: `project-${i}` });
  slack.addChannel({ name: 'production', is_member: true });
  slack.addChannel({ name: 'logistics' });
  slack.addChannel({ name: 'finance', is_private: true, is_member: true });
  slack.addChannel({ name: 'after-sales', is_member: true });
  slack.addChannel({ name: 'managers', is_private: true, is_member: true });
  slack.addChannel({ name: 'qa-old', is_archived: true });
  lookup = slackChannelLookup(new WebClient(botToken, { slackApiUrl: slack.apiUrl }));
});
afterAll(async () => {
  await slack.stop();
  await database.close();
});

const everything = async () => ({
  customers: await database.db.select().from(customers).orderBy(customers.code),
  products: await database.db.select().from(products).orderBy(products.sku),
  departments: await database.db.select().from(departments).orderBy(departments.key),
  people: await database.db.select().from(people).orderBy(people.slackUserId),
});

const channelOf = async (key: string) =>
  (await database.db.select().from(departments)).find((d) => d.key === key)?.channelId;

describe('seeding the demo data', () => {
  it('loads everything, with department channels looked up by name and a missing one reported', async () => {
    const report = await seedDemoData(database.db, { clock, channels: lookup });
    expect(report).toEqual({
      customers: { added: demoCustomers.length, updated: 0, unchanged: 0 },
      products: { added: demoProducts.length, updated: 0, unchanged: 0 },
      departments: { added: 6, updated: 0, unchanged: 0 },
      people: { added: demoPeople.length, updated: 0, unchanged: 0 },
      rules: demoRules.length,
      history: expect.any(Number),
      missingChannels: ['qa'],
    });
    const byName = new Map(slack.workspace.channels().map((c) => [c.name, c.id]));
    for (const d of demoDepartments) {
      expect(await channelOf(d.key)).toBe(d.key === 'qa' ? null : byName.get(d.channelName));
    }
    expect(slack.callsTo('conversations.list').length).toBeGreaterThan(1);
    const stored = await everything();
    const production = stored.departments.find((d) => d.key === 'production');
    expect(stored.people.find((p) => p.slackUserId === 'U0DEMOPROD')).toMatchObject({
      roles: ['member'],
      departmentId: production?.id,
    });
    expect(stored.customers.find((c) => c.code === 'MUELLER')?.name).toBe('Müller & Söhne Metallbau KG');
  });

  it('changes nothing when run again, not even a timestamp', async () => {
    const before = await everything();
    clock.advance(3_600_000);
    const report = await seedDemoData(database.db, { clock, channels: lookup });
    expect(report).toMatchObject({
      customers: { added: 0, updated: 0, unchanged: demoCustomers.length },
      products: { added: 0, updated: 0, unchanged: demoProducts.length },
      departments: { added: 0, updated: 0, unchanged: 6 },
      people: { added: 0, updated: 0, unchanged: demoPeople.length },
      rules: 0,
      history: 0,
    });
    expect(await everything()).toEqual(before);
  });

  it('without a workspace to ask, keeps the channels it found before', async () => {
    const before = await everything();
    const report = await seedDemoData(database.db, { clock, channels: null });
    expect(report.missingChannels).toBeNull();
    expect(report.departments).toEqual({ added: 0, updated: 0, unchanged: 6 });
    expect(await everything()).toEqual(before);
  });

  it('picks up a channel created since, and puts back demo values that were changed', async () => {
    const qa = slack.addChannel({ name: 'qa', is_private: true, is_member: true });
    await database.db.update(customers).set({ creditStop: false });
    clock.advance(1000);
    const report = await seedDemoData(database.db, { clock, channels: lookup });
    expect(report.missingChannels).toEqual([]);
    expect(report.departments).toEqual({ added: 0, updated: 1, unchanged: 5 });
    expect(report.customers).toEqual({ added: 0, updated: 1, unchanged: demoCustomers.length - 1 });
    expect(await channelOf('qa')).toBe(qa.id);
    const castello = (await database.db.select().from(customers)).find((c) => c.code === 'CASTELLO');
    expect(castello).toMatchObject({ creditStop: true, updatedAt: clock.now() });
  });

  it('gives the desk two years and a quarter of completed orders, numbered in date order, once', async () => {
    const stored = await database.db.select().from(orders).orderBy(orders.createdAt);
    expect(stored.length).toBeGreaterThan(1000);
    expect(stored.every((o) => o.status === 'completed')).toBe(true);
    const first = stored[0]!.createdAt.getTime();
    const weeks = (clock.now().getTime() - first) / (7 * 86_400_000);
    expect(weeks).toBeGreaterThan(demoHistoryWeeks);
    expect(weeks).toBeLessThan(demoHistoryWeeks + 1);
    // Numbers follow the dates, and the year's counter stands at its last, so the next continues.
    const thisYear = stored.filter((o) => o.number.startsWith('SO-2026-'));
    expect(thisYear.at(-1)?.number).toBe(`SO-2026-${String(thisYear.length).padStart(6, '0')}`);
    const counters = await database.db.select().from(orderNumberCounters);
    expect(counters.find((c) => c.year === 2026)?.last).toBe(thisYear.length);
    expect((await seedDemoData(database.db, { clock, channels: null })).history).toBe(0);
    expect(await database.db.select().from(orders)).toHaveLength(stored.length);
  });
});
