/**
 * orderdesk as it runs in production — startOrderdesk with its own receiver, listeners, outbox
 * dispatcher and database — against the fake Slack Web API at BENCH_SLACK_API_URL, which runs in
 * a process of its own (bench/fake-slack-server.ts; orderdesk calls auth.test at start).
 * The database is an in-memory PGlite, or the Postgres database in BENCH_DATABASE_URL (a
 * scratch database bench/run.ts created). Started by bench/run.ts in a child process of its own.
 *
 * BENCH_ORDERDESK_ADMINS becomes ORDERDESK_ADMINS; BENCH_SEED_CATALOG=1 adds the bench customer
 * and product and the default route's departments (bench/order-intake.ts) before orderdesk
 * starts, so the bench user's order submissions are stored and allocated.
 */
import { count } from 'drizzle-orm';
import { parseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { orders } from '../src/db/schema.ts';
import { configSecrets, createLogger } from '../src/logger.ts';
import { startOrderdesk } from '../src/orderdesk.ts';
import { serveBenchParent } from './child-protocol.ts';
import { seedBenchCatalog, seedDefaultRoute } from './order-intake.ts';
import { BENCH_BOT_TOKEN } from './signed-request.ts';

await serveBenchParent(async () => {
  const signingSecret = process.env.BENCH_SIGNING_SECRET;
  if (!signingSecret) throw new Error('BENCH_SIGNING_SECRET is not set');
  const slackApiUrl = process.env.BENCH_SLACK_API_URL;
  if (!slackApiUrl) throw new Error('BENCH_SLACK_API_URL is not set');
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const config = parseConfig({
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slackApiUrl,
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
    await seedDefaultRoute(database.db);
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
