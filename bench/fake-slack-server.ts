/**
 * The fake Slack Web API orderdesk talks to in the bench, in a child process of its own and
 * pinned to no core: Slack is not on the bot's machine, so answering the bot's calls must not
 * take the bot's core or its event loop. The bench user is a member of its workspace, so that
 * user's DM cards are delivered, and the Submit's departments have their channels. Started by bench/fake-slack-process.ts.
 */
import { startFakeSlack } from '../src/sandbox/fake-slack/index.ts';
import { serveBenchParent } from './child-protocol.ts';
import { benchDepartmentChannels } from './order-intake.ts';
import { BENCH_BOT_TOKEN, BENCH_TEAM_ID, BENCH_USER_ID } from './signed-request.ts';

await serveBenchParent(async () => {
  const fake = await startFakeSlack({ botToken: BENCH_BOT_TOKEN, teamId: BENCH_TEAM_ID });
  fake.addUser({ id: BENCH_USER_ID, name: 'bench' });
  for (const [i, id] of benchDepartmentChannels.entries()) {
    fake.addChannel({ id, name: `bench-department-${i + 1}`, is_member: true });
  }
  return { port: Number(new URL(fake.apiUrl).port), stop: () => fake.stop() };
});
