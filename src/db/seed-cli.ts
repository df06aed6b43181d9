import { WebClient } from '@slack/web-api';
import { systemClock } from '../clock.ts';
import { ConfigError } from '../config.ts';
import { type SeedReport, seedDemoData } from '../demo/seed-demo-data.ts';
import { slackChannelLookup } from '../demo/slack-channel-lookup.ts';
import { withMigratedDatabase } from './open-configured-database.ts';
import { upsertSummary } from './upsert-support.ts';

/**
 * `npm run db:seed`: loads the demo customers, products, departments and people into
 * DATABASE_URL (or the embedded database in DATA_DIR). Department channels are looked up by
 * name in the workspace of SLACK_BOT_TOKEN; a missing one is reported, never created.
 */
async function run(): Promise<void> {
  await withMigratedDatabase(async (database, config) => {
    const client = config.SLACK_BOT_TOKEN
      ? new WebClient(config.SLACK_BOT_TOKEN, {
          ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
          retryConfig: { retries: 2 },
        })
      : null;
    const report = await seedDemoData(database.db, {
      clock: systemClock,
      channels: client ? slackChannelLookup(client) : null,
    });
    process.stdout.write(`${seedReportLines(report, database.kind).join('\n')}\n`);
  });
}

function seedReportLines(r: SeedReport, kind: string): string[] {
  const lines = [
    `seeded the demo data (${kind}):`,
    `  ${upsertSummary('customers', r.customers)}`,
    `  ${upsertSummary('products', r.products)}`,
    `  ${upsertSummary('departments', r.departments)}`,
    `  ${upsertSummary('people', r.people)}`,
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

run().catch((error: unknown) => {
  const lines =
    error instanceof ConfigError
      ? error.problems
      : [`seeding failed: ${error instanceof Error ? error.message : String(error)}`];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
