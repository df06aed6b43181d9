import { builtBot } from './bot-build.ts';
import { BotProcess } from './bot-process.ts';

export interface FakeSlackProcess {
  /** For orderdesk's SLACK_API_URL. */
  apiUrl: string;
  stop(): Promise<void>;
}

/** The fake Slack Web API (bench/fake-slack-server.ts) in a child process, unpinned. */
export async function startFakeSlackProcess(): Promise<FakeSlackProcess> {
  const fake = await BotProcess.start({
    name: 'fake Slack',
    ...(await builtBot('fake-slack-server')),
    cpus: null,
    env: {},
  });
  return { apiUrl: `http://127.0.0.1:${fake.port}/api/`, stop: () => fake.stop() };
}
