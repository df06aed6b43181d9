/**
 * orderdesk as it runs in production — startOrderdesk with its own receiver, listeners, outbox
 * dispatcher and database — against a fake Slack Web API (orderdesk calls auth.test at start).
 * The database is an in-memory PGlite, or the Postgres database in BENCH_DATABASE_URL (a
 * scratch database bench/run.ts created). Started by bench/run.ts in a child process of its own.
 *
 * BENCH_ORDERDESK_ADMINS becomes ORDERDESK_ADMINS; BENCH_SEED_CATALOG=1 adds the bench customer
 * and product (bench/order-intake.ts) before orderdesk starts, and the bench user to the fake
 * Slack, so that user's order submissions are stored and their DM cards delivered.
 */
import { count } from 'drizzle-orm';
import { parseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { orders } from '../src/db/schema.ts';
import { configSecrets, createLogger } from '../src/logger.ts';
import { startOrderdesk } from '../src/orderdesk.ts';
import { startFakeSlack } from '../src/sandbox/fake-slack/index.ts';
import { serveBenchParent } from './child-protocol.ts';
import { seedBenchCatalog } from './order-intake.ts';
import { BENCH_TEAM_ID, BENCH_USER_ID } from './signed-request.ts';

await serveBenchParent(async () => {
  const signingSecret = process.env.BENCH_SIGNING_SECRET;
  if (!signingSecret) throw new Error('BENCH_SIGNING_SECRET is not set');
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const token = 'xoxb-bench';
  // The bench's payloads come from BENCH_TEAM_ID: the bot's own workspace, not a guest's.
  const fake = await startFakeSlack({ botToken: token, teamId: BENCH_TEAM_ID });
  const config = parseConfig({
    SLACK_BOT_TOKEN: token,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    // As in production: one line per request at info. Those lines go nowhere (errors still go
    // to stderr), so the bench measures making them, not a terminal's speed.
    LOG_LEVEL: 'info',
    ...(process.env.BENCH_ORDERDESK_ADMINS ? { ORDERDESK_ADMINS: process.env.BENCH_ORDERDESK_ADMINS } : {}),
  });
  const database = await openDatabase(
    databaseUrl ? { kind: 'postgres', url: databaseUrl, max: 10 } : { kind: 'pglite' },
  );
  if (process.env.BENCH_SEED_CATALOG === '1') {
    await migrateDatabase(database);
    await seedBenchCatalog(database.db);
    fake.addUser({ id: BENCH_USER_ID, name: 'bench' });
  }
  const logger = createLogger(
    config.LOG_LEVEL,
    (line) => {
      if (line.includes('"level":"error"')) process.stderr.write(`${line}\n`);
    },
    configSecrets(config),
  );
  const orderdesk = await startOrderdesk({ config, database, logger, port: 0, host: '127.0.0.1' });
  return {
    port: orderdesk.port,
    async stop() {
      await orderdesk.stop();
      await fake.stop();
    },
    async ordersByStatus() {
      const rows = await database.db
        .select({ status: orders.status, n: count() })
        .from(orders)
        .groupBy(orders.status);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
});
