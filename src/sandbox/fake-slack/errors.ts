/**
 * A Web API refusal. Slack answers these with HTTP 200 and `{ ok: false, error, ...extra }`, so a
 * handler throws one and the server turns it into that body.
 */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
    this.name = 'SlackApiError';
  }
}

/**
 * Slack's shape for argument problems on views.*: `invalid_arguments` plus `[ERROR] …` lines in
 * `response_metadata.messages`, which @slack/web-api logs.
 */
export function invalidArguments(messages: string[]): SlackApiError {
  return new SlackApiError('invalid_arguments', {
    response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
  });
}
