import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM } from '../../src/sandbox/slack-driver.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
});
afterAll(() => flow.stop());

const JSON_TYPE = 'application/json';

/** The bot still answers a person afterwards: one request never stops it. */
async function stillAnswers() {
  const res = await flow.driver.command(people.dana, 'help');
  expect(res.status).toBe(200);
  expect(res.problems).toEqual([]);
}

/** A block_actions payload as Slack sends one for a click in the admin's DM, to be broken. */
function clickPayload(): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: flow.slack.teamId, domain: flow.slack.teamDomain },
    user: { id: people.admin, username: 'ada', name: 'ada', team_id: flow.slack.teamId },
    api_app_id: flow.slack.appId,
    token: 'legacy-fixed-value',
    trigger_id: flow.slack.issueTriggerId(people.admin),
    container: { type: 'message', message_ts: '1.000001', channel_id: 'D0ADMIN', is_ephemeral: false },
    actions: [
      { type: 'button', action_id: 'nobody_handles_this', block_id: 'b', value: 'x', action_ts: '1.0' },
    ],
  };
}

describe('a correctly signed body that is not a Slack payload', () => {
  it('an interaction whose payload is `null` → 400, and the bot keeps running', async () => {
    const res = await flow.driver.raw('payload=null', FORM);
    expect(res.status).toBe(400);
    await stillAnswers();
  });

  it('a JSON body `null`, a number, an array or a string → 400, and the bot keeps running', async () => {
    for (const body of ['null', '42', '[]', '"hello"', '{not json']) {
      const res = await flow.driver.raw(body, JSON_TYPE);
      expect(res.status, body).toBe(400);
    }
    await stillAnswers();
  });

  it('an empty body → 200 at once, nothing done', async () => {
    const form = await flow.driver.raw('', FORM);
    const json = await flow.driver.raw('{}', JSON_TYPE);
    for (const res of [form, json]) {
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(500);
    }
  });

  it('an unsigned ssl_check is answered 200 and a payload smuggled along with it is not handled', async () => {
    const payload = JSON.stringify({ ...clickPayload(), actions: [] });
    const res = await fetch(`http://127.0.0.1:${flow.desk.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: `ssl_check=1&payload=${encodeURIComponent(payload)}`,
    });
    expect(res.status).toBe(200);
  });
});

describe('a correctly signed payload with a malformed envelope → 200 at once, nothing done', () => {
  const cases: [string, (p: Record<string, unknown>) => unknown][] = [
    ['no user', ({ user: _, ...rest }) => rest],
    ['user null', (p) => ({ ...p, user: null })],
    ['user without id', (p) => ({ ...p, user: { name: 'ada' } })],
    ['actions: []', (p) => ({ ...p, actions: [] })],
    ['actions: null', (p) => ({ ...p, actions: null })],
    ['an action that is null', (p) => ({ ...p, actions: [null] })],
    ['channel: null', (p) => ({ ...p, channel: null })],
    ['no type', ({ type: _, ...rest }) => rest],
    ['an unknown type', (p) => ({ ...p, type: 'dialog_submission' })],
    ['a view_submission with view: null', (p) => ({ ...p, type: 'view_submission', view: null })],
    ['a view_closed without view', (p) => ({ ...p, type: 'view_closed' })],
    ['a block_suggestion without action_id', (p) => ({ ...p, type: 'block_suggestion', value: 'a' })],
    ['a shortcut with callback_id 7', (p) => ({ ...p, type: 'shortcut', callback_id: 7 })],
    ['an unknown action id', (p) => p],
  ];
  for (const [name, breakIt] of cases) {
    it(name, async () => {
      const res = await flow.driver.rawPayload(breakIt(clickPayload()));
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(1000);
    });
  }

  it('a view_submission that also carries `actions` (Bolt would take it for a click) → 200, nothing done', async () => {
    const view = { id: 'V0MIXED', callback_id: 'order_new', private_metadata: '', state: { values: {} } };
    const res = await flow.driver.rawPayload({ ...clickPayload(), type: 'view_submission', view });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });

  it('an event with `event: null`, an event with no type, and an event nobody subscribed to', async () => {
    const base = {
      type: 'event_callback',
      team_id: flow.slack.teamId,
      event_id: 'Ev0BROKEN',
      api_app_id: 'A1',
    };
    for (const event of [null, {}, { type: 'reaction_added', user: people.dana, item: null }]) {
      const res = await flow.driver.raw(JSON.stringify({ ...base, event }), JSON_TYPE);
      expect(res.status, JSON.stringify(event)).toBe(200);
      expect(res.ms).toBeLessThan(1000);
    }
    const homeWithoutUser = { type: 'app_home_opened', user: null, channel: 'D1', tab: 'home' };
    const res = await flow.driver.raw(JSON.stringify({ ...base, event: homeWithoutUser }), JSON_TYPE);
    expect(res.status).toBe(200);
  });

  it('an unknown slash command and a command without user_id', async () => {
    const unknown = await flow.driver.command(people.dana, 'help', { command: '/nothing-here' });
    expect(unknown.status).toBe(200);
    expect(unknown.ms).toBeLessThan(1000);
    const fields = new URLSearchParams({ command: '/order', text: 'help', team_id: flow.slack.teamId });
    const res = await flow.driver.raw(fields.toString(), FORM);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await stillAnswers();
  });

  it('nothing logs a 500, a second ack or headers already sent', () => {
    const logged = flow.logs.join('\n');
    expect(logged).not.toMatch(/ERR_HTTP_HEADERS_SENT|multiple times|not acknowledged|unhandled error/i);
  });
});
