import { type Logger, LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import type { FakeSlack } from '../../src/sandbox/fake-slack/index.ts';

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
