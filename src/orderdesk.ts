import type { App, Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { sql } from 'drizzle-orm';
import { checkWorkspace, loadActor } from './auth/load-actor.ts';
import { renderCard } from './cards.ts';
import { stopChartRenderer } from './charts/render-chart.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { UseCaseContext } from './context.ts';
import type { Database } from './db/client.ts';
import { Deadline, withinDeadline } from './db/deadline.ts';
import { migrateDatabase } from './db/migrate.ts';
import { AppError } from './errors.ts';
import { slackFeatures, subcommandTexts } from './features.ts';
import { homeRenderer } from './home/render-home.ts';
import { jobKinds, recurringSchedules } from './job-kinds.ts';
import { configSecrets, createLogger } from './logger.ts';
import { ErrorCountingWebClient } from './metrics/error-counting-web-client.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { OutboxDispatcher } from './outbox/dispatcher.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { loadHolidays } from './setup/desk-calendar-store.ts';
import { type BotIdentity, createSlackApp } from './slack/app.ts';
import type { FeatureDeps } from './slack/feature.ts';
import { FollowUps } from './slack/follow-ups.ts';
import { eventClaimer } from './slack/handled-events.ts';

const healthProbeBudgetMs = 800;

export interface OrderdeskOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: Logger;
  /** Where to listen; defaults to config.PORT (0 picks a free port). */
  port?: number;
  host?: string;
  /** GET /metrics without METRICS_TOKEN: open (the sandbox) or not found (a real workspace). */
  metricsOpenWithoutToken?: boolean;
}

export interface RunningOrderdesk {
  app: App;
  ctx: UseCaseContext;
  dispatcher: OutboxDispatcher;
  scheduler: Scheduler;
  bot: BotIdentity;
  metrics: Metrics;
  /** The port the HTTP receiver listens on. */
  port: number;
  stop(): Promise<void>;
}

/**
 * Wires orderdesk together and starts it: migrations, who the bot is, the outbox dispatcher, the
 * scheduler and the Slack app. `stop` reverses it: stop receiving, let the row in flight finish, close the
 * database.
 */
export async function startOrderdesk(opts: OrderdeskOptions): Promise<RunningOrderdesk> {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL, undefined, configSecrets(config));
  await migrateDatabase(database);

  const slackApiUrl = config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {};
  const bot = await whoAmI(
    new WebClient(config.SLACK_BOT_TOKEN, { ...slackApiUrl, logger, retryConfig: { retries: 2 } }),
  );
  const calendar = {
    timeZone: config.ORDERDESK_TIMEZONE,
    workdays: config.ORDERDESK_WORKDAYS,
    ...config.ORDERDESK_BUSINESS_HOURS,
    holidays: await loadHolidays(database.db),
  };
  const ctx: UseCaseContext = {
    db: database.db,
    clock,
    timeZone: config.ORDERDESK_TIMEZONE,
    pricePolicy: {
      priceWarnPercent: config.ORDERDESK_PRICE_WARN_PERCENT,
      priceFloorPercent: config.ORDERDESK_PRICE_FLOOR_PERCENT,
    },
    deliveryHorizonDays: config.ORDERDESK_DELIVERY_HORIZON_DAYS,
    admins: config.ORDERDESK_ADMINS,
    selfApproval: config.ORDERDESK_SELF_APPROVAL,
    afterDelivery: {
      calendar,
      followUpDays: config.ORDERDESK_FOLLOWUP_DAYS,
      autoCompleteDays: config.ORDERDESK_AUTO_COMPLETE_DAYS,
    },
    problems: {
      calendar,
      sla: config.ORDERDESK_PROBLEM_SLA,
      holdSeverities: config.ORDERDESK_PROBLEM_HOLD,
    },
  };

  const metrics = createMetrics({ db: database.db, clock, poolUse: () => database.poolUse() });
  const dispatcher = new OutboxDispatcher({
    db: database.db,
    clock,
    logger,
    renderCard,
    renderHome: homeRenderer({
      clock,
      timeZone: config.ORDERDESK_TIMEZONE,
      policy: { admins: config.ORDERDESK_ADMINS, homeTeamId: bot.teamId },
    }),
    client: new ErrorCountingWebClient(
      config.SLACK_BOT_TOKEN,
      { ...slackApiUrl, logger, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: 10_000 },
      (method, error) => metrics.slackApiError(method, error),
    ),
  });

  const scheduler = new Scheduler({
    db: database.db,
    clock,
    logger,
    calendar,
    kinds: jobKinds,
    recurring: recurringSchedules(config),
    configAdmins: config.ORDERDESK_ADMINS,
    afterWrite: () => dispatcher.wake(),
  });

  const port = opts.port ?? config.PORT;
  const actorPolicy = { admins: config.ORDERDESK_ADMINS, homeTeamId: bot.teamId };
  // A request from Slack always says its workspace; without one the workspace check would be
  // skipped, so such a request is refused rather than treated as the bot's own workspace.
  const teamOf = (who: { teamId: string | null | undefined }) => {
    if (!who.teamId) throw new AppError('forbidden', 'Slack did not say which workspace this came from.');
    return who.teamId;
  };
  const followUps = new FollowUps({ logger });
  const featureDeps: FeatureDeps = {
    ctx,
    logger,
    followUp: (work) => followUps.run(work),
    loadActor: async (who) => loadActor(database.db, { ...who, teamId: teamOf(who) }, actorPolicy),
    checkWorkspace: (who) => checkWorkspace(teamOf(who), actorPolicy),
    afterWrite: () => dispatcher.wake(),
  };
  const app = createSlackApp({
    config,
    logger,
    metrics,
    metricsOpenWithoutToken: opts.metricsOpenWithoutToken ?? false,
    bot,
    port,
    features: slackFeatures(featureDeps),
    commands: subcommandTexts,
    loadActor: featureDeps.loadActor,
    healthy: async () => {
      // A load balancer's probe wants its answer within a second, database hung or not.
      await withinDeadline(Deadline.in(healthProbeBudgetMs), () => database.db.execute(sql`select 1`));
      return true;
    },
    afterWrite: featureDeps.afterWrite,
    claimEvent: eventClaimer(database.db, clock),
  });

  const server = await app.start({ port, host: opts.host ?? '0.0.0.0' });
  const address = server && typeof server.address === 'function' ? server.address() : null;
  dispatcher.start();
  await scheduler.start();
  logger.info(
    `orderdesk is up (${database.kind}, ${config.SLACK_APP_TOKEN ? 'Socket Mode' : `HTTP on :${port}`})`,
  );

  let stopped: Promise<void> | null = null;
  return {
    app,
    ctx,
    dispatcher,
    scheduler,
    bot,
    metrics,
    port: address && typeof address === 'object' ? address.port : port,
    stop() {
      stopped ??= (async () => {
        await app.stop();
        await followUps.idle();
        await scheduler.stop();
        await dispatcher.stop();
        await stopChartRenderer();
        await database.close();
      })();
      return stopped;
    },
  };
}

async function whoAmI(client: WebClient): Promise<BotIdentity> {
  const me = await client.auth.test();
  if (!me.user_id || !me.team_id) throw new Error('auth.test did not say who the bot is');
  return { botId: me.bot_id ?? '', botUserId: me.user_id, teamId: me.team_id };
}
