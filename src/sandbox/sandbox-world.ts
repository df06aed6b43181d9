import { randomBytes } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { type RunningOrderdesk, startOrderdesk } from '../orderdesk.ts';
import { type CommandHint, commandHints } from './command-hints.ts';
import type { DatabaseSource } from './database-source.ts';
import { prepareDemoWorkspace } from './demo-workspace.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack/index.ts';
import { SlackDriver } from './slack-driver.ts';
import { keepWorkspace } from './workspace-file.ts';

/** One run of the sandbox: a fake workspace, the real bot talking to it, and its database. */
export interface SandboxWorld {
  slack: FakeSlack;
  driver: SlackDriver;
  desk: RunningOrderdesk;
  hints: CommandHint[];
  /** Whether this start loaded the demo data (a fresh or reset database). */
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * Starts the fake Slack and the bot on loopback ports of their own. The bot gets credentials
 * made up for this run and `SLACK_API_URL` pointing at the fake: it runs exactly as it would
 * against Slack, with signed requests and the HTTP receiver, on the system clock.
 */
export async function openSandboxWorld(opts: {
  config: Config;
  source: DatabaseSource;
  logger: Logger;
}): Promise<SandboxWorld> {
  const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const slack = await startFakeSlack({ botToken, botName: 'orderdesk', teamDomain: 'orderdesk-sandbox' });
  try {
    const database = await opts.source.open();
    const file = opts.source.workspaceFile;
    const keeper = file ? keepWorkspace(slack, file, opts.logger) : null;
    let desk: RunningOrderdesk;
    let seeded: boolean;
    try {
      await migrateDatabase(database);
      seeded = await prepareDemoWorkspace(slack, database.db, systemClock);
      // Before the bot starts: its outbox may update a card from the last run at once.
      await keeper?.restore();
      const config: Config = {
        ...opts.config,
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_APP_TOKEN: undefined,
        SLACK_API_URL: slack.apiUrl,
      };
      desk = await startOrderdesk({
        config,
        database,
        logger: opts.logger,
        port: 0,
        host: '127.0.0.1',
        metricsOpenWithoutToken: true,
      });
    } catch (error) {
      await database.close();
      throw error;
    }
    const driver = new SlackDriver({
      botUrl: `http://127.0.0.1:${desk.port}/slack/events`,
      signingSecret,
      slack,
    });
    return {
      slack,
      driver,
      desk,
      hints: commandHints(),
      seeded,
      async close() {
        await desk.stop();
        await keeper?.save();
        await slack.stop();
      },
    };
  } catch (error) {
    await slack.stop();
    throw error;
  }
}
