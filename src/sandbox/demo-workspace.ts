import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { customers, departments, people } from '../db/schema.ts';
import { demoDepartments, demoPeople } from '../demo/demo-data.ts';
import { seedDemoData } from '../demo/seed-demo-data.ts';
import type { FakeSlack } from './fake-slack/index.ts';

/**
 * Department channels get fixed ids, so the ids the seed stores stay valid after a restart,
 * when the fake workspace is created anew.
 */
export const demoChannelId = (channelName: string) =>
  `C0${channelName.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;

/**
 * Makes the fake workspace match the database: the demo data on first start (no customers yet),
 * then a person for everyone orderdesk knows and a channel for every department's channel id,
 * with the bot and every person in it, so any of them can open it and see the cards.
 * Returns whether the demo data was loaded now.
 */
export async function prepareDemoWorkspace(slack: FakeSlack, db: Db, clock: Clock): Promise<boolean> {
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(customers);
  const seeded = count === 0;
  if (seeded) {
    await seedDemoData(db, {
      clock,
      channels: async (names) => new Map(names.map((name) => [name, demoChannelId(name)])),
    });
  }

  const known = await db.select({ id: people.slackUserId, name: people.name }).from(people);
  const everyone = [...demoPeople.map((p) => ({ id: p.slackUserId, name: p.name })), ...known];
  for (const person of everyone) {
    if (slack.workspace.user(person.id)) continue;
    const handle = (person.name.split(' ')[0] ?? person.id).toLowerCase();
    slack.addUser({ id: person.id, name: handle, real_name: person.name || person.id });
  }

  const memberIds = slack.workspace
    .users()
    .filter((u) => !u.is_bot)
    .map((u) => u.id);
  const channelNames = new Map<string, string>(demoDepartments.map((d) => [d.key, d.channelName]));
  const rows = await db.select().from(departments).orderBy(departments.id);
  for (const d of rows) {
    if (!d.channelId || slack.workspace.channel(d.channelId)) continue;
    slack.addChannel({
      id: d.channelId,
      name: channelNames.get(d.key) ?? d.key,
      is_member: true,
      members: memberIds,
      purpose: `${d.name}: orderdesk posts the orders ${d.name} works on here.`,
    });
  }
  return seeded;
}
