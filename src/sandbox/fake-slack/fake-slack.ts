import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../../clock.ts';
import { ChannelRateLimiter, type Fault, type FaultOptions, FaultPlan, type FaultStorm } from './faults.ts';
import { FileStore } from './file-store.ts';
import { IdFactory } from './ids.ts';
import { type ResponseReply, type ResponseTarget, ResponseUrlStore } from './response-urls.ts';
import { createFakeSlackServer } from './server.ts';
import { TriggerStore } from './triggers.ts';
import type {
  CallRecord,
  FakeChannel,
  FakeMessage,
  FakeSlackChange,
  FakeUser,
  Json,
  NewChannel,
  NewUser,
} from './types.ts';
import { ViewStore } from './views.ts';
import { type MessageInput, Workspace } from './workspace.ts';

/** The bot scopes of the app manifest (manifest.yml). */
export const DEFAULT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'users:read',
  'users:read.email',
  'channels:read',
  'groups:read',
  'channels:history',
  'groups:history',
  'im:history',
  'im:write',
  'files:write',
];

export interface FakeSlackOptions {
  clock?: Clock;
  /** 0 (the default) picks a free port. */
  port?: number;
  teamId?: string;
  teamDomain?: string;
  botToken?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  botName?: string;
  scopes?: string[];
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const slack = new FakeSlack(options);
  await slack.listen(options.port ?? 0);
  return slack;
}

/**
 * A Slack workspace with one installed app, answering the Web API on loopback. State is public
 * so a test (or the sandbox page) can arrange a situation and then read what the bot did.
 */
export class FakeSlack extends EventEmitter<{ change: [FakeSlackChange] }> {
  readonly clock: Clock;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly scopes: Set<string>;
  readonly ids: IdFactory;
  readonly workspace: Workspace;
  readonly views: ViewStore;
  readonly triggers: TriggerStore;
  readonly responseUrls: ResponseUrlStore;
  /** Files uploaded through files.getUploadURLExternal and its upload URL. */
  readonly files = new FileStore();
  readonly faults = new FaultPlan();
  readonly postLimiter = new ChannelRateLimiter();
  readonly calls: CallRecord[] = [];
  readonly stats = { rateLimited: 0 };
  readonly #server = createFakeSlackServer(this);
  #origin = '';

  constructor(options: FakeSlackOptions = {}) {
    super();
    this.clock = options.clock ?? systemClock;
    this.teamId = options.teamId ?? 'T0ORDERDESK';
    this.teamDomain = options.teamDomain ?? 'orderdesk';
    this.botToken = options.botToken ?? 'xoxb-fake-orderdesk';
    this.botUserId = options.botUserId ?? 'U0ORDERBOT';
    this.botId = options.botId ?? 'B0ORDERBOT';
    this.appId = options.appId ?? 'A0ORDERDESK';
    this.scopes = new Set(options.scopes ?? DEFAULT_SCOPES);
    this.ids = new IdFactory(this.clock);
    const emit = (change: FakeSlackChange) => this.emit('change', change);
    const common = { teamId: this.teamId, ids: this.ids, emit };
    this.workspace = new Workspace({ ...common, botUserId: this.botUserId });
    this.views = new ViewStore({ ...common, appId: this.appId, botId: this.botId });
    this.triggers = new TriggerStore(this.clock, this.ids);
    this.responseUrls = new ResponseUrlStore({
      clock: this.clock,
      ids: this.ids,
      workspace: this.workspace,
      bot: { user: this.botUserId, botId: this.botId, appId: this.appId },
    });
    this.workspace.addUser({ id: this.botUserId, name: options.botName ?? 'orderdesk', is_bot: true });
  }

  /** For `new WebClient(token, { slackApiUrl })`. */
  get apiUrl(): string {
    return `${this.#origin}/api/`;
  }

  /** `http://127.0.0.1:PORT`, once listening. */
  get origin(): string {
    return this.#origin;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        const { port: bound } = this.#server.address() as AddressInfo;
        this.#origin = `http://127.0.0.1:${bound}`;
        resolve();
      });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.close((error) => (error ? reject(error) : resolve()));
      // fetch keeps connections alive; without this, close() waits for them to time out.
      this.#server.closeAllConnections();
    });
  }

  recordCall(method: string, args: Json): void {
    const call = { method, args, at: this.clock.now() };
    this.calls.push(call);
    this.emit('change', { kind: 'call', call });
  }

  callsTo(method: string): CallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }

  addUser(user: NewUser): FakeUser {
    return this.workspace.addUser(user);
  }

  addChannel(channel: NewChannel): FakeChannel {
    return this.workspace.addChannel(channel);
  }

  /** A message a person typed, e.g. one the bot must not be able to edit. */
  postAsUser(
    user: string,
    channel: string,
    text: string,
    extra: Omit<MessageInput, 'text' | 'user'> = {},
  ): FakeMessage {
    return this.workspace.post(channel, { ...extra, text, user });
  }

  messages(channel: string): FakeMessage[] {
    return this.workspace.messages(channel);
  }

  issueTriggerId(user: string): string {
    return this.triggers.issue(user);
  }

  issueResponseUrl(target: ResponseTarget): string {
    return `${this.#origin}${this.responseUrls.issue(target)}`;
  }

  /** Slack shows a slash command's ack body like a response_url reply, without spending a use. */
  showCommandReply(responseUrl: string, reply: unknown): ResponseReply {
    const id = new URL(responseUrl).pathname.split('/').at(-1) ?? '';
    return this.responseUrls.deliver(id, reply, 'command_ack');
  }

  failNext(method: string, fault: Fault, options?: FaultOptions): void {
    this.faults.add(method, fault, options);
  }

  /** Until `calm()`, a share of the calls to some methods fail at random (see `FaultStorm`). */
  storm(storm: FaultStorm): void {
    this.faults.storm(storm);
  }

  calm(): void {
    this.faults.calm();
  }

  /** Turns on Slack's one-post-per-second-per-channel limit (429, Retry-After: 1). */
  setChannelRateLimit(enabled: boolean): void {
    this.postLimiter.enabled = enabled;
  }
}
