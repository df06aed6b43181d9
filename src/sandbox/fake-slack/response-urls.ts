import type { Clock } from '../../clock.ts';
import { isObject } from './block-kit-checks.ts';
import { SlackApiError } from './errors.ts';
import type { IdFactory } from './ids.ts';
import { checkMessageContent } from './message-content.ts';
import type { EphemeralSource, Json } from './types.ts';
import type { Workspace } from './workspace.ts';

/** "can be sent up to 5 times within 30 minutes of receiving the payload" (interactivity/handling). */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

/** Where an answer lands, and the message `replace_original` / `delete_original` act on. */
export interface ResponseTarget {
  channel: string;
  user: string;
  original?: { kind: 'message' | 'ephemeral'; ts: string };
}

/** How an answer reached the URL: a POST by the bot, or the body of a slash command's ack. */
export type ResponseVia = Exclude<EphemeralSource, 'chat.postEphemeral'>;

export interface ResponseReply {
  status: number;
  body: Json;
}

interface Entry extends ResponseTarget {
  issuedAt: number;
  uses: number;
}

export interface ResponseUrlOptions {
  clock: Clock;
  ids: IdFactory;
  workspace: Workspace;
  bot: { user: string; botId: string; appId: string };
}

export class ResponseUrlStore {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly o: ResponseUrlOptions) {}

  /** Returns the path part, `/response/<id>`; the fake puts its own origin in front. */
  issue(target: ResponseTarget): string {
    const id = this.o.ids.secret();
    this.#entries.set(id, { ...target, issuedAt: this.o.clock.now().getTime(), uses: 0 });
    return `/response/${id}`;
  }

  /**
   * Answers a POST to a response_url. A slash command's ack body is delivered the same way (Slack
   * shows it like a response) but is not one of the URL's five uses.
   */
  deliver(id: string, payload: unknown, via: ResponseVia): ResponseReply {
    const entry = this.#entries.get(id);
    if (!entry) return answer(404, { ok: false, error: 'no_service' });
    if (via === 'response_url') {
      if (this.o.clock.now().getTime() - entry.issuedAt > RESPONSE_URL_TTL_MS) {
        return answer(404, { ok: false, error: 'expired_url' });
      }
      if (entry.uses >= RESPONSE_URL_USES) return answer(404, { ok: false, error: 'used_url' });
      entry.uses += 1;
    }
    if (!isObject(payload)) return answer(400, { ok: false, error: 'invalid_payload' });
    try {
      this.#apply(entry, payload, via);
      return answer(200, { ok: true });
    } catch (error) {
      // Incoming-webhook style: a refused message is a 4xx, which Bolt's respond() turns into RespondError.
      if (error instanceof SlackApiError)
        return answer(400, { ok: false, error: error.error, ...error.extra });
      throw error;
    }
  }

  #apply(entry: Entry, payload: Json, via: ResponseVia): void {
    const { workspace, bot } = this.o;
    const original = entry.original;
    if (payload.delete_original === true || payload.delete_original === 'true') {
      if (original?.kind === 'message') workspace.remove(entry.channel, original.ts);
      if (original?.kind === 'ephemeral') workspace.deleteEphemeral(original.ts);
      return;
    }
    const content = checkMessageContent(payload, this.o.ids);
    const body = { text: content.text, ...(content.blocks ? { blocks: content.blocks } : {}) };
    const replace = payload.replace_original === true || payload.replace_original === 'true';
    if (replace && original?.kind === 'message') {
      workspace.update(entry.channel, original.ts, body, bot.user);
      return;
    }
    if (replace && original?.kind === 'ephemeral') {
      workspace.replaceEphemeral(original.ts, body);
      return;
    }
    const threadTs = typeof payload.thread_ts === 'string' ? { thread_ts: payload.thread_ts } : {};
    if (payload.response_type === 'in_channel') {
      const message = workspace.post(entry.channel, {
        ...body,
        ...threadTs,
        user: bot.user,
        bot_id: bot.botId,
        app_id: bot.appId,
      });
      entry.original ??= { kind: 'message', ts: message.ts };
      return;
    }
    const ephemeral = workspace.postEphemeral({
      channel: entry.channel,
      user: entry.user,
      ...body,
      ...threadTs,
      source: via,
    });
    entry.original ??= { kind: 'ephemeral', ts: ephemeral.ts };
  }
}

function answer(status: number, body: Json): ResponseReply {
  return { status, body };
}
