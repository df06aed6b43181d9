import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM } from '../../src/sandbox/slack-driver.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { eventually } from '../support/intake-world.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
});
afterAll(() => flow.stop());

const opens = () => flow.slack.callsTo('views.open').length;
const toldAdmin = () => flow.slack.workspace.ephemerals({ user: people.admin }).map((e) => e.text);

/** The command Slack sends again, with the trigger of the first delivery and a new response_url. */
async function again(text: string, triggerId: string) {
  const channel = flow.slack.workspace.openIm(people.admin).channel.id;
  const fields = {
    token: 'legacy-fixed-value',
    team_id: flow.slack.teamId,
    user_id: people.admin,
    channel_id: channel,
    command: '/order',
    text,
    trigger_id: triggerId,
    response_url: flow.slack.issueResponseUrl({ channel, user: people.admin }),
  };
  return flow.driver.raw(new URLSearchParams(fields).toString(), FORM);
}

describe('the same trigger used twice (Slack redelivers, or a double Enter)', () => {
  for (const [text, form] of [
    ['new', 'the order form'],
    ['setup', 'Settings'],
  ] as const) {
    it(`/order ${text}: the form opens once and the admin is not told it could not open`, async () => {
      const before = opens();
      const first = await flow.driver.command(people.admin, text);
      expect(first.problems).toEqual([]);
      await eventually(() => opens() === before + 1, `${form} to open`);
      const view = flow.slack.views.top(people.admin);
      expect(view).toBeDefined();

      const second = await again(text, first.triggerId);
      expect(second.status).toBe(200);
      await eventually(() => opens() === before + 2, 'the second views.open');
      // The reply, when there is one, follows the refused views.open within milliseconds.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(toldAdmin().join('\n')).not.toContain('could not open');
      expect(flow.slack.views.top(people.admin)?.id).toBe(view?.id);
      if (view) flow.slack.views.close(people.admin, view.id, true);
    });
  }

  it('an expired trigger still tells the admin to run the command again', async () => {
    const first = await flow.driver.command(people.admin, 'help');
    flow.clock.advance(4000);
    await again('new', first.triggerId);
    const told = await eventually(
      () => toldAdmin().find((t) => t.includes('could not open')),
      'the admin to be told',
    );
    expect(told).toBe(':hourglass: The order form could not open in time. Please run the command again.');
  });
});
