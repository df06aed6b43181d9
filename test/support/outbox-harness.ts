import { LogLevel, WebClient } from '@slack/web-api';
import { renderCard } from '../../src/cards.ts';
import type { Clock } from '../../src/clock.ts';
import type { Db } from '../../src/db/client.ts';
import { homeRenderer } from '../../src/home/render-home.ts';
import { createLogger } from '../../src/logger.ts';
import { OutboxDispatcher } from '../../src/outbox/dispatcher.ts';
import type { FakeSlack } from '../../src/sandbox/fake-slack/index.ts';

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
