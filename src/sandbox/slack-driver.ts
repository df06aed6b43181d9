import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock.ts';
import { elementAction } from './element-action.ts';
import type { FakeEphemeral, FakeSlack, FakeView, Json } from './fake-slack/index.ts';
import { applyViewSubmissionAck } from './fake-slack/view-submission.ts';
import {
  buttonAction,
  channelRef,
  eventCallback,
  interactionBase,
  type PayloadContext,
  slackTs,
  slashCommandFields,
  submissionResponseUrls,
} from './interaction-payloads.ts';
import { signSlackRequest } from './slack-signer.ts';
import { buildState, findElement, type StateInput } from './view-state.ts';

export interface SlackDriverOptions {
  /** The bot's request URL, e.g. `http://127.0.0.1:3000/slack/events`. */
  botUrl: string;
  signingSecret: string;
  slack: FakeSlack;
  clock?: Clock;
  verificationToken?: string;
}

/** Per-request overrides, to send what an attacker or a delayed retry would. */
export interface SendOptions {
  timestamp?: number;
  signature?: string;
}

export interface EventOptions extends SendOptions {
  retryNum?: number;
  retryReason?: string;
  /** Reuse an earlier delivery's id to send a retry of it. */
  eventId?: string;
}

export interface DriverResponse {
  status: number;
  /** Parsed JSON, or the raw text (`''` for an empty ack). */
  body: unknown;
  ms: number;
}

export type ButtonClick = { action_id: string; block_id?: string; value?: string; values?: StateInput } & (
  | { message: { channel: string; ts: string } }
  | { ephemeral: FakeEphemeral }
  | { view: FakeView | string }
);

/**
 * An element someone uses, where they see it. `value` is what they chose: a button's value
 * (default: the button's own), an option's value, a user or conversation id, `YYYY-MM-DD`, or
 * Slack's state object for the element (e.g. an external select's `selected_option`).
 */
export type ElementAct = { action_id: string; block_id: string; value?: unknown; values?: StateInput } & (
  | { message: { channel: string; ts: string } }
  | { ephemeral: FakeEphemeral }
  | { view: FakeView | string }
);

/** Slack shows an error instead of the bot's answer when the ack takes longer than this. */
const ACK_DEADLINE_MS = 3000;

/**
 * Sends the bot what Slack would: signed slash commands, interactions and events over HTTP, with
 * ids, triggers and response_urls issued by the fake. What Slack does with the bot's answer (a
 * command's reply, a view_submission's response_action) is applied to the fake too.
 */
export class SlackDriver {
  readonly #o: SlackDriverOptions;
  readonly #ctx: PayloadContext;

  constructor(options: SlackDriverOptions) {
    this.#o = options;
    this.#ctx = {
      slack: options.slack,
      clock: options.clock ?? options.slack.clock,
      token: options.verificationToken ?? 'legacy-fixed-value',
    };
  }

  /**
   * `/order text`; without a channel the user types it in their DM with the bot. A reply in the
   * ack is shown as Slack shows it; `problems` says why Slack would show an error instead.
   */
  async command(
    user: string,
    text: string,
    options: { channel?: string; command?: string } & SendOptions = {},
  ): Promise<DriverResponse & { responseUrl: string; triggerId: string; problems: string[] }> {
    const { slack } = this.#o;
    const channel = options.channel ?? slack.workspace.openIm(user).channel.id;
    const responseUrl = slack.issueResponseUrl({ channel, user });
    const triggerId = slack.issueTriggerId(user);
    const command = options.command ?? '/order';
    const fields = slashCommandFields(this.#ctx, user, { channel, command, text, responseUrl, triggerId });
    const response = await this.#send(new URLSearchParams(fields).toString(), FORM, options);
    const result = { ...response, responseUrl, triggerId };
    const failed = ackProblem(response);
    if (failed) return { ...result, problems: [failed] };
    if (response.body === '') return { ...result, problems: [] };
    const reply = typeof response.body === 'string' ? { text: response.body } : response.body;
    const shown = slack.showCommandReply(responseUrl, reply);
    return {
      ...result,
      problems: shown.status === 200 ? [] : [`the reply was refused: ${JSON.stringify(shown.body)}`],
    };
  }

  /** A click on a button the user can see: it must exist in the message or view. */
  async clickButton(user: string, click: ButtonClick, options: SendOptions = {}): Promise<DriverResponse> {
    const { slack } = this.#o;
    const triggerId = slack.issueTriggerId(user);
    let payload: Json;
    if ('view' in click) {
      const view = this.#view(click.view);
      const button = this.#button(view.blocks, click);
      if (click.values)
        slack.views.setState(view.id, buildState(view.blocks, view.state.values, click.values));
      payload = {
        ...interactionBase(this.#ctx, 'block_actions', user),
        container: { type: 'view', view_id: view.id },
        trigger_id: triggerId,
        view: this.#view(view.id),
        actions: [buttonAction(this.#ctx, button.element, button.block_id, click.value)],
      };
    } else {
      const source = this.#messageSource(click);
      const button = this.#button(source.blocks, click);
      const original = { kind: source.kind, ts: source.ts };
      payload = {
        ...interactionBase(this.#ctx, 'block_actions', user),
        container: messageContainer(source),
        trigger_id: triggerId,
        channel: channelRef(slack, source.channel),
        ...(source.message ? { message: source.message } : {}),
        state: { values: click.values ? buildState(source.blocks, {}, click.values) : {} },
        response_url: slack.issueResponseUrl({ channel: source.channel, user, original }),
        actions: [buttonAction(this.#ctx, button.element, button.block_id, click.value)],
      };
    }
    return this.#sendPayload(payload, options);
  }

  /**
   * The user works any interactive element they can see (a button, a select, an overflow menu, a
   * date picker, checkboxes…) in a message, an ephemeral message, a modal or the Home tab. The
   * element's new value goes into the view's state, as in Slack, and the bot gets the
   * block_actions payload Slack sends for that element. `values` are the other inputs of a view,
   * as the user left them.
   */
  async act(user: string, act: ElementAct, options: SendOptions = {}): Promise<DriverResponse> {
    const { slack } = this.#o;
    const actionTs = slackTs(this.#ctx.clock);
    const base = {
      ...interactionBase(this.#ctx, 'block_actions', user),
      trigger_id: slack.issueTriggerId(user),
    };
    if ('view' in act) {
      const view = this.#view(act.view);
      const placed = this.#element(view.blocks, act);
      const own = placed.blockType === 'input' && act.value !== undefined;
      const entered = { ...act.values, ...(own ? { [act.block_id]: { [act.action_id]: act.value } } : {}) };
      slack.views.setState(view.id, buildState(view.blocks, view.state.values, entered));
      const payload = {
        ...base,
        container: { type: 'view', view_id: view.id },
        view: this.#view(view.id),
        actions: [elementAction(placed, act.value, actionTs)],
      };
      return this.#sendPayload(payload, options);
    }
    const source = this.#messageSource(act);
    const placed = this.#element(source.blocks, act);
    const payload = {
      ...base,
      container: messageContainer(source),
      channel: channelRef(slack, source.channel),
      ...(source.message ? { message: source.message } : {}),
      state: { values: act.values ? buildState(source.blocks, {}, act.values) : {} },
      response_url: slack.issueResponseUrl({
        channel: source.channel,
        user,
        original: { kind: source.kind, ts: source.ts },
      }),
      actions: [elementAction(placed, act.value, actionTs)],
    };
    return this.#sendPayload(payload, options);
  }

  /**
   * Submits a modal with what the user entered. The ack's `response_action` is applied to the
   * fake's view stack; `problems` lists what Slack would refuse or not show.
   */
  async submitView(
    user: string,
    view: FakeView | string,
    values: StateInput = {},
    options: SendOptions = {},
  ): Promise<DriverResponse & { problems: string[] }> {
    const { slack } = this.#o;
    const current = this.#view(view);
    slack.views.setState(current.id, buildState(current.blocks, current.state.values, values));
    const submitted = this.#view(current.id);
    const response = await this.#sendPayload(
      {
        ...interactionBase(this.#ctx, 'view_submission', user),
        trigger_id: slack.issueTriggerId(user),
        view: submitted,
        response_urls: submissionResponseUrls(slack, user, submitted),
      },
      options,
    );
    const failed = ackProblem(response);
    if (failed) return { ...response, problems: [failed] };
    return { ...response, problems: applyViewSubmissionAck(slack.views, user, submitted, response.body) };
  }

  /**
   * The user closes a modal (Cancel, or × with `clear`). Slack tells the bot only when the view
   * has `notify_on_close`; otherwise nothing is sent and this returns null.
   */
  async closeView(
    user: string,
    view: FakeView | string,
    options: { clear?: boolean } & SendOptions = {},
  ): Promise<DriverResponse | null> {
    const closed = this.#view(view);
    this.#o.slack.views.close(user, closed.id, options.clear ?? false);
    if (!closed.notify_on_close) return null;
    const payload = {
      ...interactionBase(this.#ctx, 'view_closed', user),
      view: closed,
      is_cleared: !!options.clear,
    };
    return this.#sendPayload(payload, options);
  }

  /** A global shortcut (the ⚡ menu), e.g. "New order"; the bot may open a modal with its trigger. */
  async globalShortcut(user: string, callbackId: string, options: SendOptions = {}): Promise<DriverResponse> {
    const payload = {
      ...interactionBase(this.#ctx, 'shortcut', user),
      callback_id: callbackId,
      trigger_id: this.#o.slack.issueTriggerId(user),
      action_ts: slackTs(this.#ctx.clock),
    };
    return this.#sendPayload(payload, options);
  }

  /**
   * The user picks an option in a select of a view (a static or external select, in an input
   * block with dispatch_action or an actions block): the view's state takes the choice and the
   * bot gets the block_actions Slack sends for it.
   */
  async selectInView(
    user: string,
    view: FakeView | string,
    choice: { block_id: string; action_id: string; value: string },
    options: SendOptions = {},
  ): Promise<DriverResponse> {
    const { slack } = this.#o;
    const current = this.#view(view);
    const placed = findElement(current.blocks, choice.action_id, choice.block_id);
    if (!placed || !String(placed.element.type).endsWith('_select')) {
      throw new Error(
        `no select ${choice.block_id}/${choice.action_id} on screen: the user cannot pick from it`,
      );
    }
    const state = buildState(current.blocks, current.state.values, {
      [choice.block_id]: { [choice.action_id]: choice.value },
    });
    slack.views.setState(current.id, state);
    const picked = state[choice.block_id]?.[choice.action_id];
    const payload = {
      ...interactionBase(this.#ctx, 'block_actions', user),
      container: { type: 'view', view_id: current.id },
      trigger_id: slack.issueTriggerId(user),
      view: this.#view(current.id),
      actions: [
        {
          type: placed.element.type,
          action_id: choice.action_id,
          block_id: choice.block_id,
          selected_option: (picked as { selected_option?: unknown } | undefined)?.selected_option ?? null,
          action_ts: slackTs(this.#ctx.clock),
        },
      ],
    };
    return this.#sendPayload(payload, options);
  }

  /** The user types into an external_select of a view; the bot answers with options. */
  suggest(
    user: string,
    view: FakeView | string,
    actionId: string,
    blockId: string,
    value: string,
    options: SendOptions = {},
  ): Promise<DriverResponse> {
    const current = this.#view(view);
    const payload = {
      ...interactionBase(this.#ctx, 'block_suggestion', user),
      container: { type: 'view', view_id: current.id },
      action_id: actionId,
      block_id: blockId,
      value,
      view: current,
    };
    return this.#sendPayload(payload, options);
  }

  /** An Events API delivery; pass the same `eventId` with `retryNum` to send a retry. */
  async event(event: Json, options: EventOptions = {}): Promise<DriverResponse & { eventId: string }> {
    const eventId = options.eventId ?? `Ev${this.#o.slack.ids.next('')}`;
    const headers: Record<string, string> = {};
    if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
    if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
    const body = JSON.stringify(eventCallback(this.#ctx, event, eventId));
    return { ...(await this.#send(body, 'application/json', options, headers)), eventId };
  }

  appHomeOpened(user: string, options: EventOptions = {}): Promise<DriverResponse & { eventId: string }> {
    const { slack } = this.#o;
    const home = slack.views.home(user);
    const channel = slack.workspace.openIm(user).channel.id;
    return this.event(
      { type: 'app_home_opened', user, channel, tab: 'home', ...(home ? { view: home } : {}) },
      options,
    );
  }

  /**
   * Any body, signed as Slack signs it: what a fuzzer or a broken proxy sends. An interaction is
   * `payload=` + JSON, form-encoded; a command is form fields; an event is JSON.
   */
  raw(
    body: string,
    contentType: string,
    options: SendOptions & { headers?: Record<string, string> } = {},
  ): Promise<DriverResponse> {
    return this.#send(body, contentType, options, options.headers);
  }

  /** An interaction payload, form-encoded as Slack sends it, with no check that it makes sense. */
  rawPayload(payload: unknown, options: SendOptions = {}): Promise<DriverResponse> {
    return this.#send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, options);
  }

  #sendPayload(payload: Json, options: SendOptions): Promise<DriverResponse> {
    return this.#send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, options);
  }

  async #send(
    body: string,
    contentType: string,
    options: SendOptions,
    headers: Record<string, string> = {},
  ): Promise<DriverResponse> {
    // The bot checks the timestamp against its own wall clock, not the test's clock.
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signed = signSlackRequest(this.#o.signingSecret, body, timestamp);
    if (options.signature !== undefined) signed['x-slack-signature'] = options.signature;
    const started = performance.now();
    const res = await fetch(this.#o.botUrl, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signed, ...headers },
      body,
    });
    const text = await res.text();
    const ms = performance.now() - started;
    const isJson = (res.headers.get('content-type') ?? '').includes('json') && text !== '';
    return { status: res.status, body: isJson ? JSON.parse(text) : text, ms };
  }

  #view(view: FakeView | string): FakeView {
    const id = typeof view === 'string' ? view : view.id;
    const found = this.#o.slack.views.find(id);
    if (!found) throw new Error(`view ${id} is not open in the fake Slack`);
    return found.view;
  }

  #element(blocks: Json[], act: { action_id: string; block_id: string }) {
    const placed = findElement(blocks, act.action_id, act.block_id);
    if (!placed)
      throw new Error(`no element ${act.block_id}/${act.action_id} on screen: the user cannot use it`);
    return placed;
  }

  #button(blocks: Json[], click: ButtonClick) {
    const placed = findElement(blocks, click.action_id, click.block_id);
    if (placed?.element.type !== 'button') {
      throw new Error(
        `no button ${click.block_id ?? '*'}/${click.action_id} on screen: the user cannot click it`,
      );
    }
    return placed;
  }

  #messageSource(click: { message: { channel: string; ts: string } } | { ephemeral: FakeEphemeral }) {
    if ('ephemeral' in click) {
      const { channel, ts, blocks = [], thread_ts } = click.ephemeral;
      return { kind: 'ephemeral' as const, channel, ts, blocks, thread_ts, message: undefined };
    }
    const { channel, ts } = click.message;
    const message = this.#o.slack.workspace.message(channel, ts);
    if (!message) throw new Error(`no message ${ts} in ${channel}`);
    const { blocks = [], thread_ts } = message;
    return { kind: 'message' as const, channel, ts, blocks, thread_ts, message };
  }
}

/** Why Slack would show the user an error instead of the bot's answer. */
function ackProblem(response: DriverResponse): string | undefined {
  if (response.status !== 200) return `the bot answered HTTP ${response.status}`;
  if (response.ms > ACK_DEADLINE_MS) return `operation_timeout: the ack took ${Math.round(response.ms)} ms`;
  return undefined;
}

/** Exactly this: Bolt parses anything else (even with `; charset=utf-8`) as JSON and answers 400. */
export const FORM = 'application/x-www-form-urlencoded';

/** The `container` of a payload from a message or an ephemeral message, as Slack sends it. */
function messageContainer(source: { ts: string; channel: string; kind: string; thread_ts?: string }) {
  return {
    type: 'message',
    message_ts: source.ts,
    channel_id: source.channel,
    is_ephemeral: source.kind === 'ephemeral',
    ...(source.thread_ts ? { thread_ts: source.thread_ts } : {}),
  };
}
