/**
 * orderdesk as it runs in production — startOrderdesk with its own receiver, listeners, outbox
 * dispatcher and database — against a fake Slack Web API (orderdesk calls auth.test at start).
 * The database is an in-memory PGlite, or the Postgres database in BENCH_DATABASE_URL (a
 * scratch database bench/run.ts created). Started by bench/run.ts in a child process of its own.
 */
import { parseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { startOrderdesk } from '../src/orderdesk.ts';
import { startFakeSlack } from '../src/sandbox/fake-slack/index.ts';
import { serveBenchParent } from './child-protocol.ts';

await serveBenchParent(async () => {
  const signingSecret = process.env.BENCH_SIGNING_SECRET;
  if (!signingSecret) throw new Error('BENCH_SIGNING_SECRET is not set');
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const token = 'xoxb-bench';
  const fake = await startFakeSlack({ botToken: token });
  const config = parseConfig({
    SLACK_BOT_TOKEN: token,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'error',
  });
  const database = await openDatabase(
    databaseUrl ? { kind: 'postgres', url: databaseUrl, max: 10 } : { kind: 'pglite' },
  );
  const orderdesk = await startOrderdesk({ config, database, port: 0, host: '127.0.0.1' });
  return {
    port: orderdesk.port,
    async stop() {
      await orderdesk.stop();
      await fake.stop();
    },
  };
});
