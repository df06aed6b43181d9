import { signSlackRequest } from '../src/sandbox/slack-signer.ts';

/** Exactly this: with `; charset=utf-8` appended Bolt parses the body as JSON and answers 400. */
const FORM = 'application/x-www-form-urlencoded';

/** The workspace and person every bench request comes from; fake-slack-server.ts's workspace agrees. */
export const BENCH_TEAM_ID = 'T0BENCH';
/** The token orderdesk's bench process sends and the bench's fake Slack accepts. */
export const BENCH_BOT_TOKEN = 'xoxb-bench';
export const BENCH_USER_ID = 'U0BENCHUSER';
const benchTeam = { id: BENCH_TEAM_ID, domain: 'bench' };
const benchUser = { id: BENCH_USER_ID, username: 'bench', name: 'bench', team_id: BENCH_TEAM_ID };

/**
 * Where a body says what makes it one delivery (a trigger_id, a view id): the signer below puts
 * a fresh id there for every request. Letters only, so form encoding leaves it alone.
 */
export const UNIQUE = 'BENCHUNIQUEID';

export interface SignedRequest {
  headers: Record<string, string>;
  body: Buffer;
}

/** A form body signed for `second` (Unix seconds), as Slack signs each delivery. */
export function signedRequest(
  signingSecret: string,
  rawBody: string,
  second: number,
  body?: Buffer,
): SignedRequest {
  const bytes = body ?? Buffer.from(rawBody);
  return {
    body: bytes,
    headers: {
      'content-type': FORM,
      'content-length': String(bytes.length),
      ...signSlackRequest(signingSecret, rawBody, second),
    },
  };
}

/** The form Slack posts for `/order <text>` (api.slack.com/interactivity/slash-commands). */
export function slashCommandBody(text: string): string {
  return new URLSearchParams({
    token: 'bench-verification-token',
    team_id: BENCH_TEAM_ID,
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'orders',
    user_id: BENCH_USER_ID,
    user_name: 'bench',
    command: '/order',
    text,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/commands/T0BENCH/1/bench',
    trigger_id: `1.1.${UNIQUE}`,
  }).toString();
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
    team: benchTeam,
    user: benchUser,
    channel: { id: 'C0BENCH', name: 'orders' },
    container: {
      type: 'message',
      message_ts: '1764201600.000100',
      channel_id: 'C0BENCH',
      is_ephemeral: true,
    },
    trigger_id: `1.1.${UNIQUE}`,
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

/**
 * Every request a different delivery, as Slack sends them: `UNIQUE` in the body is replaced by a
 * fresh id each time (a trigger_id, a view id that a bot dedupes by) and the body signed with the
 * current second. orderdesk refuses a signature it has seen within the replay window, so the same
 * signed body twice would be answered 401. One HMAC per request: a few µs for a form of a few kB.
 */
export class UniqueBodySigner {
  readonly #secret: string;
  readonly #parts: string[];
  readonly #prefix: string;
  #issued = 0;

  constructor(signingSecret: string, rawBodyTemplate: string, prefix: string) {
    this.#secret = signingSecret;
    this.#parts = rawBodyTemplate.split(UNIQUE);
    if (this.#parts.length < 2) throw new Error(`the body does not contain ${UNIQUE}`);
    this.#prefix = prefix;
  }

  /** How many distinct bodies have been handed out. */
  get issued(): number {
    return this.#issued;
  }

  next(): SignedRequest {
    const id = `${this.#prefix}${(++this.#issued).toString(36).toUpperCase().padStart(7, '0')}`;
    return signedRequest(this.#secret, this.#parts.join(id), Math.floor(Date.now() / 1000));
  }
}

/** The view a payload is about, as Slack includes it in view_submission and block_suggestion. */
export type ViewJson = Record<string, unknown> & { id: string };

/**
 * The form Slack posts when a user submits a modal: one `payload` field holding the
 * view_submission JSON (api.slack.com/reference/interaction-payloads/views), the view with its
 * blocks and `state.values` included.
 */
export function viewSubmissionBody(view: ViewJson): string {
  const payload = {
    type: 'view_submission',
    team: benchTeam,
    user: benchUser,
    api_app_id: 'A0BENCH',
    token: 'bench-verification-token',
    trigger_id: `1.1.${UNIQUE}`,
    view,
    response_urls: [],
    enterprise: null,
    is_enterprise_install: false,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * The form Slack posts while a user types into an external_select of a modal, to ask for its
 * options (api.slack.com/reference/block-kit/block-elements#external_select): `value` is what
 * was typed so far.
 */
export function blockSuggestionBody(typed: {
  actionId: string;
  blockId: string;
  value: string;
  view: ViewJson;
}): string {
  const payload = {
    type: 'block_suggestion',
    user: benchUser,
    container: { type: 'view', view_id: typed.view.id },
    api_app_id: 'A0BENCH',
    token: 'bench-verification-token',
    action_id: typed.actionId,
    block_id: typed.blockId,
    value: typed.value,
    team: benchTeam,
    view: typed.view,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
