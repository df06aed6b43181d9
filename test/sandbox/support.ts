import { type Logger, LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import { afterEach, beforeEach } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';

/** The client the bot uses, pointed at the fake, with retries off so failures surface at once. */
export function webClientFor(slack: FakeSlack, token = slack.botToken): WebClient {
  return new WebClient(token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: quietLogger,
  });
}

/** The `{ ok: false, … }` body a call was refused with; fails if it was not refused. */
export async function refusal(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WebAPIPlatformError))
    throw new Error(`expected a platform error, got ${String(error)}`);
  return error.data;
}

const quietLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** Before each test a fresh fake Slack at 09:00 with alice (U1) in #orders (C1), the bot a member. */
export function aliceInOrders(): { slack: FakeSlack; clock: ManualClock } {
  const world = {} as { slack: FakeSlack; clock: ManualClock };
  beforeEach(async () => {
    world.clock = new ManualClock('2026-11-27T09:00:00Z');
    world.slack = await startFakeSlack({ clock: world.clock });
    world.slack.addUser({ id: 'U1', name: 'alice' });
    world.slack.addChannel({ id: 'C1', name: 'orders', is_member: true, members: ['U1'] });
  });
  afterEach(() => world.slack.stop());
  return world;
}
