import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM } from '../../src/sandbox/slack-driver.ts';
import { signSlackRequest } from '../../src/sandbox/slack-signer.ts';
import { type Flow, people, signingSecret, startFlow } from '../support/flow.ts';
import { eventually } from '../support/intake-world.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
});
afterAll(() => flow.stop());

const publishesTo = (user: string) =>
  flow.slack.callsTo('views.publish').filter((c) => c.args.user_id === user).length;
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("Slack's Events API retries", () => {
  it('a delivery redelivered with the same event_id and X-Slack-Retry-Num is acknowledged, not handled again', async () => {
    const first = await flow.driver.appHomeOpened(people.dana);
    expect(first.status).toBe(200);
    await eventually(() => publishesTo(people.dana) === 1, 'the Home to be published');

    for (const retryNum of [1, 2, 3]) {
      const retry = await flow.driver.appHomeOpened(people.dana, {
        eventId: first.eventId,
        retryNum,
        retryReason: 'http_timeout',
      });
      expect(retry.status).toBe(200);
    }
    // A new event (the person opens Home again) is handled: the retries were not.
    await flow.driver.appHomeOpened(people.dana);
    await eventually(() => publishesTo(people.dana) === 2, 'the second opening to be published');
    expect(publishesTo(people.dana)).toBe(2);
  });
});

describe('the workspace of every request is known', () => {
  it('a click without team → 200, nothing done', async () => {
    const payload = {
      type: 'block_actions',
      user: { id: people.admin, name: 'ada' },
      trigger_id: flow.slack.issueTriggerId(people.admin),
      actions: [{ type: 'button', action_id: 'home.settings', block_id: 'b', value: 'x', action_ts: '1.0' }],
    };
    const before = flow.slack.calls.length;
    const res = await flow.driver.rawPayload(payload);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(flow.slack.calls.length).toBe(before);
  });

  it('a slash command without team_id → 200, nothing done', async () => {
    const fields = {
      command: '/order',
      text: 'new',
      user_id: people.admin,
      channel_id: 'D0ADMIN',
      trigger_id: flow.slack.issueTriggerId(people.admin),
      response_url: 'http://127.0.0.1:1/nowhere',
    };
    const before = flow.slack.calls.length;
    const res = await flow.driver.raw(new URLSearchParams(fields).toString(), FORM);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(flow.slack.calls.length).toBe(before);
  });

  it('an app_home_opened without team_id → 200, no Home published', async () => {
    const event = { type: 'app_home_opened', user: people.admin, channel: 'D0ADMIN', tab: 'home' };
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev0NOTEAM', event });
    const res = await flow.driver.raw(body, 'application/json');
    expect(res.status).toBe(200);
    expect(publishesTo(people.admin)).toBe(0);
  });
});

describe('request timestamps and replays', () => {
  it('a request timestamped 6 minutes in the future → 401', async () => {
    const res = await flow.driver.command(people.dana, 'help', { timestamp: nowSeconds() + 360 });
    expect(res.status).toBe(401);
  });

  it('a request up to a minute ahead of our clock is accepted (clocks drift)', async () => {
    const res = await flow.driver.command(people.dana, 'help', { timestamp: nowSeconds() + 50 });
    expect(res.status).toBe(200);
  });

  it('a request signed 4 minutes ago is still accepted; 6 minutes ago is refused', async () => {
    expect((await flow.driver.command(people.dana, 'help', { timestamp: nowSeconds() - 240 })).status).toBe(
      200,
    );
    expect((await flow.driver.command(people.dana, 'help', { timestamp: nowSeconds() - 360 })).status).toBe(
      401,
    );
  });

  it('the same signed request sent again within the window is refused as a replay → 401', async () => {
    const body = new URLSearchParams({
      token: 'legacy-fixed-value',
      team_id: flow.slack.teamId,
      user_id: people.dana,
      channel_id: 'D0DANA',
      command: '/order',
      text: 'help',
      trigger_id: flow.slack.issueTriggerId(people.dana),
      response_url: flow.slack.issueResponseUrl({ channel: 'D0DANA', user: people.dana }),
    }).toString();
    const headers = { 'content-type': FORM, ...signSlackRequest(signingSecret, body, nowSeconds()) };
    const url = `http://127.0.0.1:${flow.desk.port}/slack/events`;
    const first = await fetch(url, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    const replay = await fetch(url, { method: 'POST', headers, body });
    expect(replay.status).toBe(401);
  });

  it("Slack's own retry of an event is signed anew, so it is not mistaken for a replay", async () => {
    const first = await flow.driver.appHomeOpened(people.guest);
    // Slack re-signs each retry with the time it sends it: same event_id, new timestamp.
    const retry = await flow.driver.appHomeOpened(people.guest, {
      eventId: first.eventId,
      retryNum: 1,
      timestamp: nowSeconds() + 1,
    });
    expect(retry.status).toBe(200);
  });
});
