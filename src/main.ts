import { existsSync } from 'node:fs';
import { type Config, ConfigError, parseConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { createLogger } from './logger.ts';
import { startOrderdesk } from './orderdesk.ts';

/** Exit code for "fix your configuration": distinct from a crash (1). */
const exitConfig = 2;

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_URL }
      : { kind: 'pglite', dataDir: config.DATA_DIR },
  ).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) fail([error.message]);
    throw error;
  });
  const running = await startOrderdesk({ config, database, logger });

  const shutdown = (signal: string) => {
    logger.info(`${signal}: finishing the message in flight, then stopping`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

function loadConfigOrExit(): Config {
  try {
    const config = parseConfig(process.env);
    if (!config.SLACK_BOT_TOKEN || (!config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN)) {
      fail([
        'orderdesk needs a Slack app to talk to. Set these (in .env or the environment):',
        '  SLACK_BOT_TOKEN       the bot token (xoxb-…) from OAuth & Permissions',
        '  SLACK_SIGNING_SECRET  from Basic Information (HTTP mode), or',
        '  SLACK_APP_TOKEN       an app-level token (xapp-…) for Socket Mode',
        'Create the app from manifest.yml; README.md, "Connect a workspace", walks through it.',
      ]);
    }
    return config;
  } catch (error) {
    if (error instanceof ConfigError)
      fail(['orderdesk cannot start; fix these settings:', ...error.problems]);
    throw error;
  }
}

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(exitConfig);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `orderdesk failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
