/**
 * The floor: a Bolt 5 app with the default HTTPReceiver and default
 * options — the default conversation store included — whose listeners only acknowledge.
 * Started by bench/run.ts in a child process of its own.
 */
import { App, LogLevel } from '@slack/bolt';
import { serveBenchParent } from './child-protocol.ts';

await serveBenchParent(async () => {
  const signingSecret = process.env.BENCH_SIGNING_SECRET;
  if (!signingSecret) throw new Error('BENCH_SIGNING_SECRET is not set');
  // botId + botUserId: no auth.test at start (there is no Slack to answer it).
  // Bolt's own logger at info, as orderdesk logs (it writes nothing per request).
  const app = new App({
    token: 'xoxb-bench-bare',
    signingSecret,
    botId: 'B0BARE',
    botUserId: 'U0BARE',
    logLevel: LogLevel.INFO,
  });
  app.command('/order', async ({ ack }) => {
    await ack();
  });
  app.action({ type: 'block_actions' }, async ({ ack }) => {
    await ack();
  });
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('Bolt did not say which port it took');
  return { port: address.port, stop: () => app.stop().then(() => undefined) };
});
