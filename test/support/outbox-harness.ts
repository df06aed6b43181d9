import { LogLevel, WebClient } from '@slack/web-api';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { renderCard } from '../../src/cards.ts';
import { type Clock, ManualClock } from '../../src/clock.ts';
import type { Db } from '../../src/db/client.ts';
import { homeRenderer } from '../../src/home/render-home.ts';
import { createLogger } from '../../src/logger.ts';
import { OutboxDispatcher } from '../../src/outbox/dispatcher.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const botToken = 'xoxb-test-token';

/** A dispatcher as production builds it, talking to the fake Slack; logs are kept for asserts. */
export function dispatcherFor(db: Db, slack: FakeSlack, clock: Clock, workerId?: string) {
  const logs: string[] = [];
  const dispatcher = new OutboxDispatcher({
    db,
    clock,
    workerId,
    renderCard,
    renderHome: homeRenderer({ clock, timeZone: 'UTC', policy: { admins: [], homeTeamId: 'T0TEST' } }),
    logger: createLogger('info', (line) => logs.push(line)),
    client: new WebClient(botToken, {
      slackApiUrl: slack.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      // The dispatcher logs what it does about a failed call; the client's own warning is noise.
      logLevel: LogLevel.ERROR,
    }),
  });
  return { dispatcher, logs };
}

export interface OutboxWorld {
  database: TestDatabase;
  slack: FakeSlack;
  clock: ManualClock;
}

/**
 * The outbox tests' world: one database for the file, and before each test a fresh fake Slack
 * at the same instant and the named tables emptied (children before parents).
 */
export function outboxWorld(opts: { empty: PgTable[]; prepare(slack: FakeSlack): void }): OutboxWorld {
  const world = {} as OutboxWorld;
  beforeAll(async () => {
    world.database = await createTestDatabase();
  });
  afterAll(() => world.database.close());
  beforeEach(async () => {
    world.clock = new ManualClock('2026-11-27T10:00:00Z');
    world.slack = await startFakeSlack({ clock: world.clock, botToken });
    opts.prepare(world.slack);
    for (const table of opts.empty) await world.database.db.delete(table);
  });
  afterEach(() => world.slack.stop());
  return world;
}
