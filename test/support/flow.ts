import { ManualClock } from '../../src/clock.ts';
import { parseConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { configSecrets, createLogger } from '../../src/logger.ts';
import { type RunningOrderdesk, startOrderdesk } from '../../src/orderdesk.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { SlackDriver } from '../../src/sandbox/slack-driver.ts';
import { botToken } from './outbox-harness.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const signingSecret = 'test-signing-secret-0123456789abcdef';

/** The people of the test workspace; ids follow Slack's shapes. */
export const people = {
  admin: 'U0ADMIN',
  dana: 'U0DANA',
  guest: 'U0GUEST',
} as const;

export interface Flow {
  slack: FakeSlack;
  driver: SlackDriver;
  desk: RunningOrderdesk;
  database: TestDatabase;
  clock: ManualClock;
  logs: string[];
  /** Sends everything the outbox holds, moving the clock past each channel's pacing. */
  drainOutbox(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real orderdesk over HTTP on an ephemeral port, a fake Slack on loopback, a database of its
 * own, and a clock the test moves. Requests reach the bot signed, exactly as Slack sends them.
 */
export async function startFlow(
  opts: {
    env?: Record<string, string>;
    /** The bot's own way to the test's database (e.g. through a proxy); the test keeps a direct one. */
    botDatabase?: (database: TestDatabase) => Promise<Database>;
    /** When the bot starts (its recurring jobs are first due then): Friday 27 November 2026 unless told. */
    startAt?: string;
  } = {},
): Promise<Flow> {
  const clock = new ManualClock(opts.startAt ?? '2026-11-27T09:00:00Z');
  const slack = await startFakeSlack({ clock, botToken });
  slack.addUser({ id: people.admin, name: 'ada', tz: 'Europe/Berlin' });
  slack.addUser({ id: people.dana, name: 'dana' });
  slack.addUser({ id: people.guest, name: 'gus', team_id: 'T0OTHERORG' });
  const database = await createTestDatabase();
  const logs: string[] = [];
  const config = parseConfig({
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    ORDERDESK_ADMINS: people.admin,
    ORDERDESK_TIMEZONE: 'Europe/Berlin',
    ...opts.env,
  });
  const botDatabase = opts.botDatabase ? await opts.botDatabase(database) : database;
  const desk = await startOrderdesk({
    config,
    database: botDatabase,
    clock,
    port: 0,
    host: '127.0.0.1',
    // Built as main builds it, so tests see the lines production would write.
    logger: createLogger(config.LOG_LEVEL, (line) => logs.push(line), configSecrets(config)),
  });
  // The running loop polls on real time; tests drive delivery themselves with drainOutbox.
  await desk.dispatcher.stop();
  // Likewise the scheduler ticks on real time; tests tick it themselves.
  await desk.scheduler.stop();
  const driver = new SlackDriver({
    botUrl: `http://127.0.0.1:${desk.port}/slack/events`,
    signingSecret,
    slack,
    clock,
  });
  return {
    slack,
    driver,
    desk,
    database,
    clock,
    logs,
    async drainOutbox() {
      for (let idle = 0; idle < 3; ) {
        const sent = await desk.dispatcher.runOnce();
        idle = sent === 0 ? idle + 1 : 0;
        clock.advance(1000);
      }
    },
    async stop() {
      await desk.stop();
      if (botDatabase !== database) await database.close();
      await slack.stop();
    },
  };
}
