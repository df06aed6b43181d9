import type { Logger } from '@slack/bolt';
import { type Config, ConfigError, parseConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { loadDotEnv, openConfiguredDatabase } from './db/open-configured-database.ts';
import { logUnhandledRejections } from './last-resort.ts';
import { configSecrets, createLogger } from './logger.ts';
import { startOrderdesk } from './orderdesk.ts';

/** Exit code for "fix your configuration": distinct from a crash (1). */
const exitConfig = 2;

/** `npm start -- --sandbox` forces the sandbox; `--reset` wipes its database first. */
const flags = new Set(process.argv.slice(2));

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL, undefined, configSecrets(config));
  logUnhandledRejections(logger);
  const hasSlack = Boolean(config.SLACK_BOT_TOKEN && (config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN));
  if (flags.has('--sandbox') || !hasSlack) {
    await runSandbox(config, logger, hasSlack);
    return;
  }
  if (flags.has('--reset')) {
    fail([
      '--reset wipes the sandbox database; it only goes with the sandbox: npm start -- --sandbox --reset',
    ]);
  }
  const database = await openConfiguredDatabase(config).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) fail([error.message]);
    throw error;
  });
  const running = await startOrderdesk({ config, database, logger });
  stopOnSignals(running, logger);
}

/**
 * The local sandbox: the real bot against a fake Slack, and a page at PORT to use it from a
 * browser. Started when there are no Slack credentials, so `npm install && npm start` works.
 * Loaded only here: a bot with credentials never loads the sandbox's code.
 */
async function runSandbox(config: Config, logger: Logger, hasSlack: boolean): Promise<void> {
  const [{ dataDirSource, postgresSource }, { ResetRefusedError }, { PortInUseError, startSandbox }] =
    await Promise.all([
      import('./sandbox/database-source.ts'),
      import('./sandbox/sandbox.ts'),
      import('./sandbox/start-sandbox.ts'),
    ]);
  if (!hasSlack) {
    process.stdout.write(
      'No Slack credentials (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN): starting the local sandbox.\n' +
        'To run in a real workspace, set them; README.md, "Connect a workspace", walks through it.\n',
    );
  }
  const source = config.DATABASE_URL ? postgresSource(config.DATABASE_URL) : dataDirSource(config.DATA_DIR);
  const sandbox = await startSandbox({ config, source, logger, reset: flags.has('--reset') }).catch(
    (error: unknown) => {
      if (
        error instanceof DataDirLockedError ||
        error instanceof ResetRefusedError ||
        error instanceof PortInUseError
      ) {
        fail([error.message]);
      }
      throw error;
    },
  );
  process.stdout.write(`orderdesk sandbox is ready: open ${sandbox.url}\n`);
  stopOnSignals(sandbox, logger);
}

function stopOnSignals(running: { stop(): Promise<void> }, logger: Logger): void {
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
    return parseConfig(process.env);
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
