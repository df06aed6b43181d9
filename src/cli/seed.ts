import { readFile } from 'node:fs/promises';
import { WebClient } from '@slack/web-api';
import { systemClock } from '../clock.ts';
import { type Config, ConfigError } from '../config.ts';
import { withMigratedDatabase } from '../db/open-configured-database.ts';
import { upsertSummary } from '../db/upsert-support.ts';
import { type SeedReport, seedDemoData } from '../demo/seed-demo-data.ts';
import { slackChannelLookup } from '../demo/slack-channel-lookup.ts';
import { runSetup } from '../setup/run-setup.ts';
import { problemLines, SetupFileError, setupReportLines } from '../setup/setup-report.ts';

const usage = 'usage: npm run db:seed [-- setup FILE.yml]';

/**
 * `npm run db:seed`: loads the demo customers, products, departments and people into
 * DATABASE_URL (or the embedded database in DATA_DIR). Department channels are looked up by
 * name in the workspace of SLACK_BOT_TOKEN; a missing one is reported, never created.
 * `npm run db:seed -- setup FILE.yml` sets the workspace up from a declarative file instead.
 */
async function run(args: string[]): Promise<void> {
  const [command, fileName, ...extra] = args;
  if (command === 'setup') return setUpFromFile(fileName, extra);
  if (command !== undefined) throw new SetupFileError([`unknown command "${command}"`, usage]);
  await withMigratedDatabase(async (database, config) => {
    const report = await seedDemoData(database.db, { clock: systemClock, channels: channelsOf(config) });
    process.stdout.write(`${seedReportLines(report, database.kind).join('\n')}\n`);
  });
}

async function setUpFromFile(fileName: string | undefined, extra: string[]): Promise<void> {
  if (!fileName || extra.length) throw new SetupFileError([usage]);
  const text = await readFile(fileName, 'utf8').catch((error: unknown) => {
    throw new SetupFileError([
      `${fileName}: cannot be read (${error instanceof Error ? error.message : error})`,
    ]);
  });
  await withMigratedDatabase(async (database, config) => {
    const outcome = await runSetup(database.db, text, { clock: systemClock, channels: channelsOf(config) });
    if (!outcome.ok) throw new SetupFileError(problemLines(fileName, outcome.problems));
    process.stdout.write(`${setupReportLines(fileName, outcome, database.kind).join('\n')}\n`);
  });
}

/** Channel names are looked up in the workspace of SLACK_BOT_TOKEN, when there is one. */
function channelsOf(config: Config) {
  if (!config.SLACK_BOT_TOKEN) return null;
  const client = new WebClient(config.SLACK_BOT_TOKEN, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    retryConfig: { retries: 2 },
  });
  return slackChannelLookup(client);
}

function seedReportLines(r: SeedReport, kind: string): string[] {
  const lines = [
    `seeded the demo data (${kind}):`,
    `  ${upsertSummary('customers', r.customers)}`,
    `  ${upsertSummary('products', r.products)}`,
    `  ${upsertSummary('departments', r.departments)}`,
    `  ${upsertSummary('people', r.people)}`,
    r.rules
      ? `  allocation rules: ${r.rules} added`
      : '  allocation rules: kept as they are (the demo adds its own only when there are none)',
    r.history
      ? `  order history: ${r.history} completed orders over two years and a quarter`
      : '  order history: none added (the demo adds it only to a desk without orders)',
  ];
  if (r.missingChannels === null) {
    lines.push(
      'channels were not resolved: SLACK_BOT_TOKEN is not set, so departments keep the channels they had',
      '(new ones have none). Set it and seed again to look the channels up.',
    );
  }
  for (const name of r.missingChannels ?? []) {
    lines.push(`#${name}: no such channel in the workspace — create it and invite the bot, then seed again`);
  }
  return lines;
}

run(process.argv.slice(2)).catch((error: unknown) => {
  const lines =
    error instanceof ConfigError
      ? error.problems
      : error instanceof SetupFileError
        ? error.lines
        : [`seeding failed: ${error instanceof Error ? error.message : String(error)}`];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(error instanceof ConfigError || error instanceof SetupFileError ? 2 : 1);
});
