import { EventEmitter } from 'node:events';
import { type Clock, systemClock } from '../../clock.ts';
import { ChannelRateLimiter, FaultPlan } from './faults.ts';
import { FileStore } from './file-store.ts';
import { IdFactory } from './ids.ts';
import { ResponseUrlStore } from './response-urls.ts';
import { TriggerStore } from './triggers.ts';
import type { CallRecord, FakeSlackChange, Json } from './types.ts';
import { ViewStore } from './views.ts';
import { Workspace } from './workspace.ts';

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

/**
 * The fake workspace's state: what the Web API methods and the HTTP server read and change.
 * FakeSlack adds the server on top; the methods depend on this class alone, so they do not
 * import the class that serves them.
 */
export class SlackState extends EventEmitter<{ change: [FakeSlackChange] }> {
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
  /** `http://127.0.0.1:PORT` once the server listens (set by FakeSlack): upload URLs point there. */
  origin = '';
  /** Files uploaded through files.getUploadURLExternal and its upload URL. */
  readonly files = new FileStore();
  readonly faults = new FaultPlan();
  readonly postLimiter = new ChannelRateLimiter();
  readonly calls: CallRecord[] = [];
  readonly stats = { rateLimited: 0 };

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

  recordCall(method: string, args: Json): void {
    const call = { method, args, at: this.clock.now() };
    this.calls.push(call);
    this.emit('change', { kind: 'call', call });
  }
}
