import type { Clock } from '../../clock.ts';
import type { ChannelRateLimiter, FaultPlan } from './faults.ts';
import type { IdFactory } from './ids.ts';
import type { ResponseUrlStore } from './response-urls.ts';
import type { TriggerStore } from './triggers.ts';
import type { Json } from './types.ts';
import type { ViewStore } from './views.ts';
import type { Workspace } from './workspace.ts';

/**
 * What the Web API methods and the HTTP server read and change of the fake workspace. FakeSlack
 * implements it; the methods depend on this alone, so they do not import the class that serves them.
 */
export interface SlackState {
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
  readonly faults: FaultPlan;
  readonly postLimiter: ChannelRateLimiter;
  readonly stats: { rateLimited: number };
  recordCall(method: string, args: Json): void;
}
