import { signSlackRequest } from '../src/sandbox/slack-signer.ts';

/** Exactly this: with `; charset=utf-8` appended Bolt parses the body as JSON and answers 400. */
const FORM = 'application/x-www-form-urlencoded';

export interface SignedRequest {
  headers: Record<string, string>;
  body: Buffer;
}

/** The form Slack posts for `/order <text>` (api.slack.com/interactivity/slash-commands). */
export function slashCommandBody(text: string): string {
  return new URLSearchParams({
    token: 'bench-verification-token',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'orders',
    user_id: 'U0BENCHUSER',
    user_name: 'bench',
    command: '/order',
    text,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/commands/T0BENCH/1/bench',
    trigger_id: '1.1.bench',
  }).toString();
}

/**
 * Signs one body with the current timestamp, as Slack does for every delivery. The signature
 * only changes when the second does, so it is computed once a second, not once a request: the
 * load generator must not spend its core on HMACs.
 */
export class PerSecondSigner {
  readonly #secret: string;
  readonly #body: Buffer;
  readonly #rawBody: string;
  #second = -1;
  #current: SignedRequest | null = null;

  constructor(signingSecret: string, rawBody: string) {
    this.#secret = signingSecret;
    this.#rawBody = rawBody;
    this.#body = Buffer.from(rawBody);
  }

  next(): SignedRequest {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.#second || !this.#current) {
      this.#second = second;
      this.#current = {
        body: this.#body,
        headers: {
          'content-type': FORM,
          'content-length': String(this.#body.length),
          ...signSlackRequest(this.#secret, this.#rawBody, second),
        },
      };
    }
    return this.#current;
  }
}

/**
 * The form Slack posts when a user clicks a button in a message the bot sent: one `payload`
 * field holding the block_actions JSON (api.slack.com/reference/interaction-payloads/block-actions).
 */
export function blockActionsBody(click: { actionId: string; value: string; responseUrl: string }): string {
  const payload = {
    type: 'block_actions',
    token: 'bench-verification-token',
    api_app_id: 'A0BENCH',
    team: { id: 'T0BENCH', domain: 'bench' },
    user: { id: 'U0BENCHUSER', username: 'bench', name: 'bench', team_id: 'T0BENCH' },
    channel: { id: 'C0BENCH', name: 'orders' },
    container: {
      type: 'message',
      message_ts: '1764201600.000100',
      channel_id: 'C0BENCH',
      is_ephemeral: true,
    },
    trigger_id: '1.1.bench',
    response_url: click.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: click.actionId,
        block_id: 'bench',
        text: { type: 'plain_text', text: 'More' },
        value: click.value,
        action_ts: '1764201601.000200',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
