import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type Logger } from '@slack/bolt';
import type { Actor } from '../auth/roles.ts';
import type { Config } from '../config.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { metricsRoute } from '../metrics/metrics-route.ts';
import type { SlackFeature } from './feature.ts';
import { GuardedReceiver } from './guarded-receiver.ts';
import { registerOrderCommand } from './order-command.ts';
import { SlackRouter } from './router.ts';
import type { SubcommandText } from './subcommand.ts';

export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId: string;
}

export interface SlackAppDeps {
  config: Pick<
    Config,
    'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL' | 'METRICS_TOKEN'
  >;
  logger: Logger;
  metrics: Metrics;
  /** Serve GET /metrics to anyone when no METRICS_TOKEN is set (the sandbox); else 404 without one. */
  metricsOpenWithoutToken: boolean;
  bot: BotIdentity;
  port: number;
  features: readonly SlackFeature[];
  /** Every `/order` subcommand's words, in the order `/order help` lists them. */
  commands: readonly SubcommandText[];
  loadActor(who: { userId: string; teamId: string | null | undefined }): Promise<Actor>;
  /** Whether the database answers; served at GET /healthz. */
  healthy(): Promise<boolean>;
  afterWrite(): void;
  /** True the first time an Events API event_id arrives; false for Slack's retries of it. */
  claimEvent(eventId: string): Promise<boolean>;
}

/**
 * The Bolt app: HTTP receiver at /slack/events (or Socket Mode when an app token is set), and
 * every listener. Listeners acknowledge within Slack's 3 seconds and hand work to use cases.
 */
export function createSlackApp(deps: SlackAppDeps): App {
  const { config, logger, bot } = deps;
  const customRoutes = [
    { path: '/healthz', method: ['GET'], handler: healthRoute(deps.healthy) },
    {
      path: '/metrics',
      method: ['GET'],
      handler: metricsRoute(deps.metrics.registry, {
        token: config.METRICS_TOKEN,
        openWithoutToken: deps.metricsOpenWithoutToken,
      }),
    },
  ];
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    logger,
    logLevel: logger.getLevel(),
    // Known ids spare an auth.test round trip before the first request is handled.
    ...(bot.botId ? { botId: bot.botId, botUserId: bot.botUserId } : {}),
    // Bolt's default conversation store creates and rejects an Error on every request (~20 % of
    // its time per request, measured with bench/); orderdesk keeps no conversation state there.
    convoStore: false,
    // Bolt's ignoreSelf middleware looks at every request for the bot's own events; the only
    // event orderdesk subscribes to is app_home_opened, which a person causes.
    ignoreSelf: false,
    clientOptions: {
      ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
      // Interactive calls (views.open) race a 3-second trigger: retry briefly or not at all.
      retryConfig: { retries: 1, minTimeout: 100, maxTimeout: 300 },
    },
    // In Socket Mode Bolt serves custom routes from a small HTTP server of its own on this port.
    ...(config.SLACK_APP_TOKEN
      ? {
          socketMode: true,
          appToken: config.SLACK_APP_TOKEN,
          customRoutes,
          installerOptions: { port: deps.port },
        }
      : {
          receiver: new GuardedReceiver({
            signingSecret: config.SLACK_SIGNING_SECRET ?? '',
            logger,
            customRoutes,
            claimEvent: deps.claimEvent,
          }),
        }),
  });
  routerFor(deps).install(app, (request) => {
    logger.info({ ...request }, 'slack request');
    deps.metrics.request(request);
  });
  app.error(async (error) => {
    logger.error('unhandled error in a listener', error);
  });
  return app;
}

/** Every feature's commands, buttons, forms and searches, by id. */
export function routerFor(
  deps: Pick<SlackAppDeps, 'features' | 'commands' | 'loadActor' | 'afterWrite'>,
): SlackRouter {
  const router = new SlackRouter();
  for (const feature of deps.features) feature.register?.(router);
  registerOrderCommand(router, {
    subcommands: deps.features.flatMap((f) => f.subcommands ?? []),
    help: deps.commands,
    loadActor: deps.loadActor,
    afterCommand: deps.afterWrite,
  });
  return router;
}

function healthRoute(healthy: () => Promise<boolean>) {
  return async (_req: IncomingMessage, res: ServerResponse) => {
    const ok = await healthy().catch(() => false);
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ db: ok ? 'up' : 'down' }));
  };
}
